package io.patchflow.advisory.scan;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a scanner report may be ({@code patchflow.scans.max-bytes}). Counted while the body streams in, not
 * taken from Content-Length alone, which a client may leave out. The default holds a Nessus export of a few
 * thousand hosts.
 */
@ConfigurationProperties("patchflow.scans")
public record ScanLimits(@DefaultValue("200MB") DataSize maxBytes) {
}
