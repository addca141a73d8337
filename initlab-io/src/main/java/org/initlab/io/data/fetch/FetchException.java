package org.initlab.io.data.fetch;

/**
 * A download that failed while running (network, HTTP status, truncated body, checksum
 * mismatch): the message is one line saying which file, from where and what went wrong, and
 * what was left on disk. Bad arguments are {@link IllegalArgumentException}s instead.
 */
public final class FetchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure explained by {@code message} (one line). */
    public FetchException(String message) {
        super(message);
    }

    /** A failure explained by {@code message} (one line), caused by {@code cause}. */
    public FetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
