package hozon.ingest.feed;

import hozon.problem.BodyTooLargeException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A write request's body as read: bounded (past the limit reading fails with
 * {@link BodyTooLargeException}, i.e. 413, before more is buffered) and, when the request carries
 * an Idempotency-Key, hashed (SHA-256) for the key's check. Installed by {@link BodyLimitFilter}.
 */
public final class RequestBody extends FilterInputStream {

    private final long limit;
    private final MessageDigest sha;
    private long read;
    private boolean closed;
    private byte[] digest;

    RequestBody(InputStream in, long limit, boolean hash) {
        super(in);
        this.limit = limit;
        try {
            this.sha = hash ? MessageDigest.getInstance("SHA-256") : null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
            if (sha != null) {
                sha.update((byte) b);
            }
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            count(n);
            if (sha != null) {
                sha.update(buf, off, n);
            }
        }
        return n;
    }

    private void count(int n) throws BodyTooLargeException {
        read += n;
        if (read > limit) {
            throw new BodyTooLargeException(limit);
        }
    }

    /**
     * Reads what the parser left (trailing whitespace), then returns the body's SHA-256, or null
     * when the request carries no Idempotency-Key (nothing to compare it with).
     */
    public byte[] finish() throws IOException {
        if (sha == null) {
            return null;
        }
        drain();
        if (digest == null) {
            digest = sha.digest();
        }
        return digest.clone();
    }

    /** Parsers close their source when done: when hashing, read the rest first, so that the hash covers the whole body. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            if (sha != null) {
                drain();
            }
            closed = true;
            super.close();
        }
    }

    private void drain() throws IOException {
        if (closed) {
            return;
        }
        byte[] rest = new byte[8192];
        while (read(rest, 0, rest.length) >= 0) {
            // the hash sees every byte
        }
    }

    public long bytesRead() {
        return read;
    }
}
