package org.initlab.io.data.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server on 127.0.0.1 (an ephemeral port) serving fixed files under a few behaviours,
 * chosen by the first path segment: {@code /ok/NAME} (with {@code Range} support),
 * {@code /slow/NAME} (the same, in small delayed chunks), {@code /truncate-once/NAME} (the first
 * request for a name announces the full length, sends half and drops the connection),
 * {@code /bad/NAME} (one byte changed), {@code /missing/NAME} (404), {@code /redirect/NAME}
 * (302 to {@code /ok/NAME}) and {@code /loop/NAME} ↔ {@code /loop2/NAME} (a redirect loop).
 * Every request is recorded.
 */
final class FixtureServer implements AutoCloseable {
    /** One request: its path and its {@code Range} header (null when absent). */
    record Request(String path, String range) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, byte[]> files;
    private final Set<String> truncated = ConcurrentHashMap.newKeySet();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    FixtureServer(Map<String, byte[]> files) throws IOException {
        this.files = Map.copyOf(files);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The base URL of a behaviour's folder, e.g. {@code http://127.0.0.1:PORT/ok/}. */
    URI base(String behaviour) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + behaviour + "/");
    }

    /** The requests for paths ending in {@code name}. */
    List<Request> requestsFor(String name) {
        return requests.stream().filter(r -> r.path().endsWith("/" + name)).toList();
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String range = x.getRequestHeaders().getFirst("Range");
        requests.add(new Request(path, range));
        String[] parts = path.split("/", 3);
        String behaviour = parts.length > 1 ? parts[1] : "";
        String name = parts.length > 2 ? parts[2] : "";
        byte[] body = files.get(name);
        try (x) {
            switch (behaviour) {
                case "redirect" -> redirect(x, "/ok/" + name);
                case "loop" -> redirect(x, "/loop2/" + name);
                case "loop2" -> redirect(x, "/loop/" + name);
                default -> {
                    if (body == null || behaviour.equals("missing")) {
                        x.sendResponseHeaders(404, -1);
                        return;
                    }
                    if (behaviour.equals("bad")) {
                        body = body.clone();
                        body[body.length / 2] ^= 1;
                    }
                    if (behaviour.equals("truncate-once") && truncated.add(name)) {
                        x.sendResponseHeaders(200, body.length);
                        OutputStream out = x.getResponseBody();
                        out.write(body, 0, body.length / 2);
                        out.flush();
                        // closing before the announced length drops the connection
                        return;
                    }
                    serve(x, body, range, behaviour.equals("slow"));
                }
            }
        } catch (IOException expected) {
            // the truncating behaviour ends its exchange this way
        }
    }

    private static void redirect(HttpExchange x, String to) throws IOException {
        x.getResponseHeaders().set("Location", to);
        x.sendResponseHeaders(302, -1);
    }

    private static void serve(HttpExchange x, byte[] body, String range, boolean slow) throws IOException {
        int from = 0;
        if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            from = Integer.parseInt(range.substring(6, range.length() - 1));
            if (from >= body.length) {
                x.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
                x.sendResponseHeaders(416, -1);
                return;
            }
            x.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            x.sendResponseHeaders(206, body.length - from);
        } else {
            x.sendResponseHeaders(200, body.length);
        }
        OutputStream out = x.getResponseBody();
        int chunk = slow ? 16 * 1024 : body.length;
        for (int i = from; i < body.length; i += chunk) {
            out.write(body, i, Math.min(chunk, body.length - i));
            out.flush();
            if (slow) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
