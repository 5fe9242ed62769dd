package io.patchflow.inventory.imports.formats;

import io.patchflow.inventory.InventoryTooLargeException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses to read past a number of bytes, so an oversized upload is stopped while it streams in rather than after it
 * has been buffered: the server cannot rely on a Content-Length header, which chunked uploads do not send.
 */
public final class LimitedInputStream extends FilterInputStream {

    private final long max;
    private long count;

    public LimitedInputStream(InputStream in, long max) {
        super(in);
        this.max = max;
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

    private void counted(long n) {
        count += n;
        if (count > max) {
            throw new InventoryTooLargeException(null, "The inventory is larger than " + max
                    + " bytes (patchflow.inventory.max-body-size); split it into several uploads.");
        }
    }
}
