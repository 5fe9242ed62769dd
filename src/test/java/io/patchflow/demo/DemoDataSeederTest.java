package io.patchflow.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.advisory.AdvisoryImport;
import io.patchflow.advisory.AdvisoryImportResult;
import io.patchflow.advisory.EpssScore;
import io.patchflow.advisory.KevEntry;
import io.patchflow.advisory.RiskFeeds;
import io.patchflow.inventory.Fleet;
import io.patchflow.inventory.HostInput;
import io.patchflow.inventory.HostView;
import io.patchflow.inventory.InventoryImport;
import io.patchflow.inventory.InventoryImportResult;
import io.patchflow.inventory.PackageInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** What the seeder hands to the inventory and advisory modules, checked at their public interfaces. */
class DemoDataSeederTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Fleet fleet = mock(Fleet.class);
    private final InventoryImport inventoryImport = mock(InventoryImport.class);
    private final RiskFeeds riskFeeds = mock(RiskFeeds.class);
    private final List<String> importedAdvisoryIds = new ArrayList<>();
    private final AdvisoryImport advisoryImport = this::recordAdvisory;

    @Test
    void seedsAnEmptyFleetWithAdvisoriesRiskFeedsAndHosts() {
        when(fleet.allHosts()).thenReturn(List.of());
        when(inventoryImport.importHosts(anyList(), anyString()))
                .thenAnswer(call -> new InventoryImportResult(call.<List<?>>getArgument(0).size(), 0, 0, 0, 0));
        when(riskFeeds.storeKev(anyCollection(), anyString()))
                .thenAnswer(call -> call.<Collection<?>>getArgument(0).size());
        when(riskFeeds.storeEpss(anyCollection())).thenAnswer(call -> call.<Collection<?>>getArgument(0).size());

        assertThat(seeder(60).seedIfEmpty()).isTrue();

        assertThat(importedAdvisoryIds).hasSize(14).contains("DSA-5514-1", "USN-6859-1", "RHSA-2024:4312");
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Collection<KevEntry>> kev = ArgumentCaptor.forClass(Collection.class);
        verify(riskFeeds).storeKev(kev.capture(), eq("2025.08.25"));
        assertThat(kev.getValue()).extracting(KevEntry::cveId)
                .containsExactlyInAnyOrder("CVE-2023-4911", "CVE-2023-4863");
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Collection<EpssScore>> epss = ArgumentCaptor.forClass(Collection.class);
        verify(riskFeeds).storeEpss(epss.capture());
        assertThat(epss.getValue()).hasSize(20);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<HostInput>> hosts = ArgumentCaptor.forClass(List.class);
        verify(inventoryImport).importHosts(hosts.capture(), eq("demo data"));
        assertThat(hosts.getValue()).hasSize(60)
                .extracting(HostInput::name).isEqualTo(new DemoFleet(60).hosts().stream().map(DemoHost::name).toList());
    }

    @Test
    void leavesAFleetThatHasHostsAlone() {
        when(fleet.allHosts()).thenReturn(List.of(new HostView("web-prod-001", "Debian:12", "prod",
                List.of("web-frontends"), "high", true)));

        assertThat(seeder(240).seedIfEmpty()).isFalse();

        verifyNoInteractions(inventoryImport, riskFeeds);
        assertThat(importedAdvisoryIds).isEmpty();
    }

    @Test
    void turnsADemoHostIntoTheInventoryApisHost() {
        DemoHost host = new DemoHost("db-prod-001", "Red Hat:9", "prod", List.of("databases"), "critical", false,
                List.of(new DemoPackage("openssl-libs", "1:3.0.7-24.el9", "openssl", "1:3.0.7-24.el9", "x86_64")));

        assertThat(DemoDataSeeder.toHostInput(host)).isEqualTo(new HostInput("db-prod-001", "Red Hat:9", "prod",
                List.of("databases"), "critical", false, List.of(new PackageInput("openssl-libs", "1:3.0.7-24.el9",
                        "openssl", "1:3.0.7-24.el9", "x86_64", null, null))));
    }

    private DemoDataSeeder seeder(int fleetSize) {
        return new DemoDataSeeder(fleet, inventoryImport, advisoryImport, riskFeeds, JSON, fleetSize);
    }

    private AdvisoryImportResult recordAdvisory(InputStream content) {
        try {
            JsonNode osv = JSON.readTree(content);
            importedAdvisoryIds.add(osv.path("id").asText());
            return new AdvisoryImportResult(1, 0, 0, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
