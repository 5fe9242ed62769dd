package io.patchflow.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.advisory.AdvisoryImport;
import io.patchflow.advisory.EpssScore;
import io.patchflow.advisory.RiskFeeds;
import io.patchflow.inventory.Fleet;
import io.patchflow.inventory.HostInput;
import io.patchflow.inventory.InventoryImport;
import io.patchflow.inventory.InventoryImportResult;
import io.patchflow.inventory.PackageInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Loads the demo data of the embedded default: the sample advisories, their KEV and EPSS figures, and the simulated
 * fleet of {@code patchflow.demo.fleet-size} hosts. Only into an empty fleet, so restarting on the same database
 * neither duplicates nor resets anything an operator did since. The fleet goes in last: if a start fails half-way,
 * the fleet is still empty and the next start loads everything again (the advisory and risk-feed imports are
 * idempotent). The startup sequence calls {@link #seedIfEmpty()}; switch it off with {@code patchflow.demo.data=false}.
 */
@Component
@ConditionalOnProperty(name = "patchflow.demo.enabled", havingValue = "true")
@ConditionalOnProperty(name = "patchflow.demo.data", havingValue = "true", matchIfMissing = true)
public class DemoDataSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);
    private static final String REASON = "demo data";

    private final Fleet fleet;
    private final InventoryImport inventoryImport;
    private final AdvisoryImport advisoryImport;
    private final RiskFeeds riskFeeds;
    private final ObjectMapper json;
    private final int fleetSize;

    DemoDataSeeder(Fleet fleet, InventoryImport inventoryImport, AdvisoryImport advisoryImport, RiskFeeds riskFeeds,
            ObjectMapper json, @Value("${patchflow.demo.fleet-size:" + DemoFleet.DEFAULT_SIZE + "}") int fleetSize) {
        this.fleet = fleet;
        this.inventoryImport = inventoryImport;
        this.advisoryImport = advisoryImport;
        this.riskFeeds = riskFeeds;
        this.json = json;
        this.fleetSize = fleetSize;
    }

    /** Seeds the demo data when the fleet is empty; answers whether it did. */
    public boolean seedIfEmpty() {
        int existingHosts = fleet.allHosts().size();
        if (existingHosts > 0) {
            log.info("Demo data not loaded: the fleet already has {} hosts", existingHosts);
            return false;
        }
        int advisories = importAdvisories();
        int kevEntries = importKev();
        int epssScores = importEpss();
        InventoryImportResult hosts = inventoryImport.importHosts(
                new DemoFleet(fleetSize).hosts().stream().map(DemoDataSeeder::toHostInput).toList(), REASON);
        log.info("Demo data loaded: {} hosts with {} packages, {} advisories, {} KEV entries, {} EPSS scores",
                hosts.hosts(), hosts.packages(), advisories, kevEntries, epssScores);
        return true;
    }

    private int importAdvisories() {
        int stored = 0;
        for (Resource file : DemoResources.advisoryFiles()) {
            try (InputStream in = open(file)) {
                stored += advisoryImport.importOsv(in).advisories();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read demo advisory " + file.getDescription(), e);
            }
        }
        return stored;
    }

    private int importKev() {
        try (InputStream in = open(new ClassPathResource(DemoResources.KEV_SAMPLE))) {
            KevSample kev = KevSample.read(in, json);
            return riskFeeds.storeKev(kev.entries(), kev.catalogVersion());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DemoResources.KEV_SAMPLE, e);
        }
    }

    private int importEpss() {
        try (InputStream in = open(new ClassPathResource(DemoResources.EPSS_SAMPLE))) {
            List<EpssScore> scores = EpssSample.read(in);
            return riskFeeds.storeEpss(scores);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DemoResources.EPSS_SAMPLE, e);
        }
    }

    static HostInput toHostInput(DemoHost host) {
        List<PackageInput> packages = host.packages().stream()
                .map(pkg -> new PackageInput(pkg.name(), pkg.version(), pkg.source(), pkg.sourceVersion(), pkg.arch(),
                        null, null))
                .toList();
        return new HostInput(host.name(), host.os(), host.environment(), host.groups(), host.criticality(),
                host.internetFacing(), packages);
    }

    private static InputStream open(Resource resource) {
        try {
            return resource.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open demo resource " + resource.getDescription(), e);
        }
    }
}
