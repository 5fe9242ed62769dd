package io.patchflow.advisory.feeds;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.springframework.util.unit.DataSize;

/**
 * Opens a feed file as uploaded or downloaded: gunzipped when it starts with gzip's magic bytes, and never read
 * beyond {@code maxSize} (counted after gunzip, as it is read, since a gzip header's size field is the sender's
 * word). A gzip stream that inflates more than {@code maxCompressionRatio} to 1 is refused as a decompression bomb:
 * feed JSON and CSV compress about 10 to 1.
 */
final class FeedInput {

    /** Below this many bytes the ratio is not checked: tiny files compress oddly well. */
    private static final long RATIO_FREE = 1024 * 1024;

    private FeedInput() {
    }

    static InputStream open(InputStream raw, DataSize maxSize, int maxCompressionRatio) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        if (!gzip) {
            return new Limited(in, null, maxSize.toBytes(), 0);
        }
        Counting compressed = new Counting(in);
        return new Limited(new GZIPInputStream(compressed, 64 * 1024), compressed, maxSize.toBytes(),
                maxCompressionRatio);
    }

    /** "64 KB", "1024 MB": how a limit reads in a message. */
    static String readable(DataSize size) {
        return size.toMegabytes() > 0 ? size.toMegabytes() + " MB" : size.toKilobytes() + " KB";
    }

    /** Counts the bytes read through it. */
    private static final class Counting extends FilterInputStream {

        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** Refuses to deliver more than the limit, or more than the ratio allows over the compressed bytes read. */
    private static final class Limited extends FilterInputStream {

        private final Counting compressed;
        private final long max;
        private final int ratio;
        private long count;

        Limited(InputStream in, Counting compressed, long max, int ratio) {
            super(in);
            this.compressed = compressed;
            this.max = max;
            this.ratio = ratio;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            add(skipped);
            return skipped;
        }

        private void add(long n) {
            count += n;
            if (count > max) {
                throw new FeedTooLargeException("The feed file is larger than " + readable(DataSize.ofBytes(max))
                        + " (patchflow.feeds.max-size); nothing was stored.");
            }
            if (compressed != null && count > RATIO_FREE && count / Math.max(1, compressed.count) > ratio) {
                throw new FeedTooLargeException("The gzip stream inflates more than " + ratio + " to 1, which feed "
                        + "files never do: refused as a decompression bomb (patchflow.feeds.max-compression-ratio); "
                        + "nothing was stored.");
            }
        }
    }
}
