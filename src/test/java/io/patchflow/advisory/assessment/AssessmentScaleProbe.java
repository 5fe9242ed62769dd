package io.patchflow.advisory.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.advisory.AdvisoryImport;
import io.patchflow.advisory.KevEntry;
import io.patchflow.advisory.RiskFeeds;
import io.patchflow.inventory.HostInput;
import io.patchflow.inventory.InventoryImport;
import io.patchflow.inventory.PackageInput;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Not part of the suite (the name is no test pattern): a moderate fleet through {@code POST /api/v1/assessments}
 * with proposals, to see the time split. Run by hand:
 * {@code ./mvnw -o test -Dtest=AssessmentScaleProbe -Dprobe.hosts=1000 -Dprobe.packages=100}.
 */
class AssessmentScaleProbe extends PostgresIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    InventoryImport inventory;
    @Autowired
    AdvisoryImport advisoryImport;
    @Autowired
    RiskFeeds riskFeeds;

    @Test
    void assessAModerateFleet() throws Exception {
        int hosts = Integer.getInteger("probe.hosts", 1000);
        int packages = Integer.getInteger("probe.packages", 100);
        String run = UUID.randomUUID().toString().substring(0, 6);
        StringBuilder osv = new StringBuilder("[");
        List<KevEntry> kev = new ArrayList<>();
        for (int p = 0; p < packages; p++) {
            String cve = "CVE-2096-" + (10000 + p);
            osv.append(p == 0 ? "" : ",").append(AssessmentFixtures.debian("PF-" + run + "-" + p, "pkg" + p + "-" + run,
                    "1.0-2", p % 2 == 0 ? AssessmentFixtures.CRITICAL : AssessmentFixtures.HIGH, cve));
            if (p % 10 == 0) {
                kev.add(new KevEntry(cve, LocalDate.now()));
            }
        }
        advisoryImport.importOsv(new ByteArrayInputStream((osv + "]").getBytes(StandardCharsets.UTF_8)));
        riskFeeds.storeKev(kev, "probe");
        List<HostInput> fleet = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            List<PackageInput> installed = new ArrayList<>();
            for (int p = 0; p < packages; p++) {
                installed.add(new PackageInput("pkg" + p + "-" + run, "1.0-1"));
            }
            fleet.add(new HostInput("probe-" + run + "-" + h, "Debian:12", h % 3 == 0 ? "prod" : "test", List.of(),
                    h % 4 == 0 ? "critical" : "medium", h % 5 == 0, installed));
        }
        long t = System.nanoTime();
        for (int i = 0; i < fleet.size(); i += 200) {
            inventory.importHosts(fleet.subList(i, Math.min(fleet.size(), i + 200)));
        }
        System.out.printf("PROBE inventory %d hosts x %d packages: %d ms%n", hosts, packages,
                (System.nanoTime() - t) / 1_000_000);
        AssessmentFixtures api = new AssessmentFixtures(mvc);
        for (int round = 1; round <= 2; round++) {
            t = System.nanoTime();
            Map<String, Object> answer = api.assess();
            System.out.printf("PROBE assessment %d: request %d ms, answer %s%n", round,
                    (System.nanoTime() - t) / 1_000_000, answer);
            assertThat((Integer) answer.get("findings")).isGreaterThanOrEqualTo(hosts * packages);
        }
    }
}
