package org.initlab.io.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP download of one URL into a {@code .part} file, resuming it when it already holds a
 * prefix: redirects followed by hand (at most {@value #MAX_REDIRECTS}, loops named), a
 * {@code Range: bytes=N-} request when the part file holds {@code N} bytes (appended on
 * {@code 206}, started over on {@code 200}), the body streamed with progress. It does not
 * check the content: {@link Fetcher} checks size and checksum and moves the file into place.
 */
final class Transfer {
    /** Redirects followed before giving up. */
    static final int MAX_REDIRECTS = 10;

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final int CHUNK = 1 << 16;

    private final HttpClient client;
    private final Fetcher.Listener listener;

    Transfer(HttpClient client, Fetcher.Listener listener) {
        this.client = client;
        this.listener = listener;
    }

    /** An HTTP client that follows no redirects itself. */
    static HttpClient client() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
    }

    /**
     * Downloads {@code uri} into {@code part}, continuing the bytes already there when the server
     * honours a range request.
     *
     * @param expected the expected size, for progress and to refuse an oversized body
     * @return the size of {@code part} afterwards
     * @throws FetchException for an HTTP error status, a redirect problem, a failed connection
     *     or a body that ends early (the bytes received are kept in {@code part} for a resume)
     */
    long download(URI uri, Path part, String file, long expected) throws IOException {
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpResponse<InputStream> response = send(uri, have);
        int status = response.statusCode();
        boolean append = false;
        if (status == 206 && have > 0) {
            String range = response.headers().firstValue("Content-Range").orElse("");
            Matcher m = CONTENT_RANGE.matcher(range);
            if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                response.body().close();
                throw new FetchException("the server answered range " + have + "- with 'Content-Range: " + range + "'");
            }
            append = true;
        } else if (status == 416 && have > 0) {
            response.body().close();
            Files.delete(part);
            return download(uri, part, file, expected);
        } else if (status != 200) {
            response.body().close();
            throw new FetchException("HTTP " + status + (status == 404 ? " Not Found" : ""));
        }
        long done = append ? have : 0;
        try (InputStream in = response.body();
                OutputStream out = Files.newOutputStream(
                        part,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[CHUNK];
            listener.progress(file, done, expected);
            for (int r; (r = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, r);
                done += r;
                if (done > expected) {
                    break;
                }
                listener.progress(file, done, expected);
            }
        } catch (IOException e) {
            // the connection ended inside the body: keep what arrived for a resume
            throw new FetchException(
                    "download interrupted after " + done + " of " + expected + " bytes (" + reason(e)
                            + "); the part is kept in " + part + ", run the same command again to resume",
                    e);
        }
        return Files.size(part);
    }

    /** Sends a GET, following redirects by hand. */
    private HttpResponse<InputStream> send(URI start, long from) throws IOException {
        List<URI> seen = new ArrayList<>();
        URI uri = start;
        for (int hop = 0; ; hop++) {
            seen.add(uri);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(60))
                    .header("User-Agent", "initlab-data-fetch");
            if (from > 0) {
                request.header("Range", "bytes=" + from + "-");
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FetchException("interrupted", e);
            } catch (IOException e) {
                throw new FetchException(reason(e), e);
            }
            int status = response.statusCode();
            if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
                return response;
            }
            response.body().close();
            String location = response.headers()
                    .firstValue("Location")
                    .orElseThrow(() -> new FetchException(
                            "HTTP " + status + " redirect from " + seen.getLast() + " without a Location"));
            URI next = seen.getLast().resolve(location.strip());
            String scheme = String.valueOf(next.getScheme()).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new FetchException("redirect to a non-HTTP location " + next);
            }
            if (seen.contains(next)) {
                seen.add(next);
                throw new FetchException("redirect loop: "
                        + String.join(" -> ", seen.stream().map(URI::toString).toList()));
            }
            if (hop + 1 >= MAX_REDIRECTS) {
                throw new FetchException("more than " + MAX_REDIRECTS + " redirects, the last to " + next);
            }
            uri = next;
        }
    }

    /** A failed connection or read in a few words. */
    private static String reason(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof ConnectException) {
            return "cannot connect" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
