package io.patchflow.advisory.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class FeedInputTest {

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(content);
        }
        return bytes.toByteArray();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Test
    void passesPlainFilesThroughAndGunzipsGzipOnes() throws IOException {
        byte[] json = "{\"openssl\":{}}".getBytes(StandardCharsets.UTF_8);

        assertThat(readAll(FeedInput.open(new ByteArrayInputStream(json), DataSize.ofMegabytes(1), 100)))
                .isEqualTo(json);
        assertThat(readAll(FeedInput.open(new ByteArrayInputStream(gzip(json)), DataSize.ofMegabytes(1), 100)))
                .isEqualTo(json);
    }

    @Test
    void refusesAFileLargerThanTheLimitCountedAfterGunzip() throws IOException {
        byte[] text = "CVE-2099-0001,0.5,0.5\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> readAll(FeedInput.open(new ByteArrayInputStream(text), DataSize.ofKilobytes(100),
                100))).isInstanceOf(FeedTooLargeException.class).hasMessageContaining("max-size");
        assertThatThrownBy(() -> readAll(FeedInput.open(new ByteArrayInputStream(gzip(text)),
                DataSize.ofKilobytes(100), 100))).isInstanceOf(FeedTooLargeException.class);
    }

    @Test
    void refusesAGzipBombByItsRatioLongBeforeItIsInflated() throws IOException {
        // 256 MB of zeros is about 250 KB of gzip: refused after a few MB inflated, not after 256 MB
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 256; i++) {
                gz.write(zeros);
            }
        }
        InputStream in = FeedInput.open(new ByteArrayInputStream(bytes.toByteArray()), DataSize.ofGigabytes(2), 100);
        long[] read = {0};
        assertThatThrownBy(() -> {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                read[0] += n;
            }
        }).isInstanceOf(FeedTooLargeException.class).hasMessageContaining("decompression bomb");
        assertThat(read[0]).isLessThan(64L * 1024 * 1024);
    }
}
