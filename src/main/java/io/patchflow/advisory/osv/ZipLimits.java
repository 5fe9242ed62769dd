package io.patchflow.advisory.osv;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What an uploaded OSV zip may hold ({@code patchflow.advisory.zip.*}). The defaults fit osv.dev's largest
 * ecosystem archives with room to spare, and stop decompression bombs: the uncompressed size is counted as it is
 * read, not taken from the archive's headers, which an attacker writes.
 */
@ConfigurationProperties("patchflow.advisory.zip")
public record ZipLimits(@DefaultValue("1GB") DataSize maxTotalSize, @DefaultValue("64MB") DataSize maxEntrySize,
        @DefaultValue("500000") int maxEntries, @DefaultValue("100") int maxCompressionRatio) {

    /** The defaults, for use without Spring. */
    public static ZipLimits defaults() {
        return new ZipLimits(DataSize.ofGigabytes(1), DataSize.ofMegabytes(64), 500_000, 100);
    }
}
