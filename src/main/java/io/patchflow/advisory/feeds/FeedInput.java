package io.patchflow.advisory.feeds;

import io.patchflow.shared.CountingInputStream;
import java.io.BufferedInputStream;
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
        CountingInputStream compressed = new CountingInputStream(in);
        return new Limited(new GZIPInputStream(compressed, 64 * 1024), compressed, maxSize.toBytes(),
                maxCompressionRatio);
    }

    /** "64 KB", "1024 MB": how a limit reads in a message. */
    static String readable(DataSize size) {
        return size.toMegabytes() > 0 ? size.toMegabytes() + " MB" : size.toKilobytes() + " KB";
    }

    /** Refuses to deliver more than the limit, or more than the ratio allows over the compressed bytes read. */
    private static final class Limited extends CountingInputStream {

        private final CountingInputStream compressed;
        private final long max;
        private final int ratio;

        Limited(InputStream in, CountingInputStream compressed, long max, int ratio) {
            super(in);
            this.compressed = compressed;
            this.max = max;
            this.ratio = ratio;
        }

        @Override
        protected void counted(long count) {
            if (count > max) {
                throw new FeedTooLargeException("The feed file is larger than " + readable(DataSize.ofBytes(max))
                        + " (patchflow.feeds.max-size); nothing was stored.");
            }
            if (compressed != null && count > RATIO_FREE && count / Math.max(1, compressed.count()) > ratio) {
                throw new FeedTooLargeException("The gzip stream inflates more than " + ratio + " to 1, which feed "
                        + "files never do: refused as a decompression bomb (patchflow.feeds.max-compression-ratio); "
                        + "nothing was stored.");
            }
        }
    }
}
