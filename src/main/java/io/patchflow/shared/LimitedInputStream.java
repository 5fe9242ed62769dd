package io.patchflow.shared;

import java.io.InputStream;
import java.util.function.LongFunction;

/**
 * Refuses to read past a limit, so an oversized upload is stopped while it streams in rather than after it has been
 * buffered: the server cannot rely on a Content-Length header, which chunked uploads do not send. What is thrown
 * past the limit is the caller's (each endpoint names its own setting).
 */
public final class LimitedInputStream extends CountingInputStream {

    private final long limit;
    private final LongFunction<? extends RuntimeException> tooLarge;

    /** @param tooLarge makes the exception to throw, given the limit */
    public LimitedInputStream(InputStream in, long limit, LongFunction<? extends RuntimeException> tooLarge) {
        super(in);
        this.limit = limit;
        this.tooLarge = tooLarge;
    }

    @Override
    protected void counted(long total) {
        if (total > limit) {
            throw tooLarge.apply(limit);
        }
    }
}
