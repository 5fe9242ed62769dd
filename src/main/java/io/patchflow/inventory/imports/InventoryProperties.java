package io.patchflow.inventory.imports;

import io.patchflow.inventory.InventoryLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one {@code POST /api/v1/inventory} may hold ({@code patchflow.inventory.*}). The defaults take a fleet of a
 * few thousand hosts per call, a large SBOM or a host with every package of its distribution; beyond them the API
 * answers 413 and nothing is written.
 */
@ConfigurationProperties("patchflow.inventory")
public record InventoryProperties(@DefaultValue("100MB") DataSize maxBodySize,
        @DefaultValue("50000") int maxPackagesPerHost, @DefaultValue("20000") int maxHosts) {

    InventoryLimits limits() {
        return new InventoryLimits(maxBodySize.toBytes(), maxPackagesPerHost, maxHosts);
    }
}
