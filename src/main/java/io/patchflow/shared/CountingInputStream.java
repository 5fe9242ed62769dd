package io.patchflow.shared;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read (and skipped) through it: what upload limits, zip and gzip bomb checks measure. Subclasses
 * check the running total in {@link #counted(long)}. Mark and reset are not supported: a reset would read bytes
 * twice and count them twice.
 */
public class CountingInputStream extends FilterInputStream {

    private long count;

    public CountingInputStream(InputStream in) {
        super(in);
    }

    /** Bytes read so far. */
    public final long count() {
        return count;
    }

    @Override
    public final int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public final int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public final long skip(long n) throws IOException {
        long skipped = super.skip(n);
        add(skipped);
        return skipped;
    }

    @Override
    public final boolean markSupported() {
        return false;
    }

    /** Called after every read with the new total; a subclass throws here to stop the stream. */
    protected void counted(long total) {
    }

    private void add(long n) {
        count += n;
        counted(count);
    }
}
