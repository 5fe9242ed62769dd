package io.patchflow.shared;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongFunction;

/**
 * Counts the bytes read and refuses to read past a limit, so an oversized upload is stopped while it streams in
 * rather than after it has been buffered: the server cannot rely on a Content-Length header, which chunked uploads
 * do not send. What is thrown past the limit is the caller's (each endpoint names its own setting).
 */
public final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private final LongFunction<? extends RuntimeException> tooLarge;
    private long count;

    /** @param tooLarge makes the exception to throw, given the limit */
    public LimitedInputStream(InputStream in, long limit, LongFunction<? extends RuntimeException> tooLarge) {
        super(in);
        this.limit = limit;
        this.tooLarge = tooLarge;
    }

    /** Bytes read so far. */
    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        // A reset would read bytes twice and count them twice.
        return false;
    }

    private void counted(long n) {
        count += n;
        if (count > limit) {
            throw tooLarge.apply(limit);
        }
    }
}
