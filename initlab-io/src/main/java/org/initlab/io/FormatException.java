package org.initlab.io;

import java.io.IOException;

/**
 * A file that does not follow its format: wrong magic, a header that cannot be parsed or that
 * lies about sizes, a truncated body, trailing bytes, an unsupported element type. The message
 * names the file (and, inside an {@code .npz}, the entry), the byte offset where the problem was
 * found, and the reason: {@code "w.safetensors: byte offset 8: header is not valid JSON: ..."}.
 *
 * <p>Every reader of this module reports malformed input with this exception and no other; plain
 * {@link IOException}s remain for the file system's own failures (missing file, permissions).
 */
public final class FormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long offset;
    private final String reason;

    /**
     * @param source the file, or {@code "file.npz, entry 'w.npy'"} for an archive entry
     * @param offset byte offset in {@code source} where the problem was found, or {@code -1} when
     *     the underlying library does not tell (a corrupt zip directory)
     * @param reason what was wrong, with the value received and what is valid
     */
    public FormatException(String source, long offset, String reason) {
        this(source, offset, reason, null);
    }

    /** As {@link #FormatException(String, long, String)}, keeping the exception that revealed the problem. */
    public FormatException(String source, long offset, String reason, Throwable cause) {
        super(source + (offset >= 0 ? ": byte offset " + offset : "") + ": " + reason, cause);
        this.source = source;
        this.offset = offset;
        this.reason = reason;
    }

    /** The file (or archive entry) that is malformed. */
    public String source() {
        return source;
    }

    /** Byte offset in {@link #source()} of the problem, or {@code -1} when unknown. */
    public long offset() {
        return offset;
    }

    /** The reason alone, without file and offset. */
    public String reason() {
        return reason;
    }
}
