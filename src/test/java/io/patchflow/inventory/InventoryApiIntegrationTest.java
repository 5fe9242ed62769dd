package io.patchflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.patchflow.testsupport.PostgresIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

class InventoryApiIntegrationTest extends PostgresIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Fleet fleet;
    @Autowired
    InventoryImport inventory;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private static RequestPostProcessor operator() {
        return user("alice").roles("patch-operators");
    }

    private String host(String name, String packages) {
        return """
                {"name":"%s","os":"Debian:12","environment":"prod-%s","groups":["web-%s"],"criticality":"high",
                 "internetFacing":true,"packages":[%s]}""".formatted(name, run, run, packages);
    }

    private void postInventory(String hosts, int expectedStatus) throws Exception {
        mvc.perform(post("/api/v1/inventory").with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"hosts\":[" + hosts + "]}")).andExpect(status().is(expectedStatus));
    }

    @Test
    void importsHostsWithTheirPackagesAndShowsThem() throws Exception {
        String web = "web-" + run;
        mvc.perform(post("/api/v1/inventory").with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"hosts\":[" + host(web, """
                        {"name":"libssl3","version":"3.0.11-1~deb12u1","source":"openssl","arch":"amd64"},
                        {"name":"bash","version":"5.2.15-2+b2"}""") + "]}"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"hosts\":1,\"packages\":2,\"added\":2,\"removed\":0,\"changed\":0}"));

        mvc.perform(get("/api/v1/hosts/" + web).with(user("frank").roles("compliance-officers")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.os").value("Debian:12"))
                .andExpect(jsonPath("$.groups[0]").value("web-" + run))
                .andExpect(jsonPath("$.packages[?(@.name=='libssl3')].source").value("openssl"))
                .andExpect(jsonPath("$.packages[?(@.name=='libssl3')].sourceVersion").value("3.0.11-1~deb12u1"))
                .andExpect(jsonPath("$.packages[?(@.name=='bash')].ecosystem").value("Debian:12"));
    }

    @Test
    void replacesTheWholePackageListOnReimport() throws Exception {
        String name = "app-" + run;
        postInventory(host(name, """
                {"name":"openssl","version":"3.0.11-1~deb12u1"},{"name":"bash","version":"5.2.15-2+b2"},
                {"name":"telnet","version":"0.17+2.4-2"}"""), 200);

        mvc.perform(post("/api/v1/inventory").with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"hosts\":[" + host(name, """
                        {"name":"openssl","version":"3.0.11-1~deb12u2"},{"name":"bash","version":"5.2.15-2+b2"},
                        {"name":"curl","version":"7.88.1-10+deb12u5"}""") + "]}"))
                .andExpect(status().isOk())
                .andExpect(content().json("{\"hosts\":1,\"packages\":3,\"added\":1,\"removed\":1,\"changed\":1}"));

        assertThat(fleet.packages(name)).extracting(InstalledPackage::name, InstalledPackage::version)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("openssl", "3.0.11-1~deb12u2"),
                        org.assertj.core.groups.Tuple.tuple("bash", "5.2.15-2+b2"),
                        org.assertj.core.groups.Tuple.tuple("curl", "7.88.1-10+deb12u5"));
        assertThat(jdbc.queryForList("SELECT change_type FROM inv_package_history h JOIN inv_host x ON x.id = "
                + "h.host_id WHERE x.name = ? AND reason LIKE 'inventory import by alice' ORDER BY h.id",
                String.class, name)).containsExactlyInAnyOrder("ADDED", "ADDED", "ADDED", "REMOVED", "CHANGED", "ADDED");
    }

    @Test
    void refusesBadInputNamingTheFieldAndWritesNothing() throws Exception {
        String good = "good-" + run;
        mvc.perform(post("/api/v1/inventory").with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"hosts\":[" + host(good, "{\"name\":\"bash\",\"version\":\"5.2\"}") + ","
                        + host("bad-" + run, "{\"name\":\"bash\",\"version\":\"\"}") + "]}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("hosts[1].packages[0].version"));

        mvc.perform(get("/api/v1/hosts/" + good).with(operator())).andExpect(status().isNotFound());
    }

    @Test
    void refusesAMalformedCriticalityAndOs() throws Exception {
        mvc.perform(post("/api/v1/inventory").with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"hosts\":[" + host("x-" + run, "").replace("\"high\"", "\"urgent\"") + "]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("hosts[0].criticality"));
        mvc.perform(post("/api/v1/inventory").with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"hosts\":[" + host("x-" + run, "").replace("Debian:12", "Debian 12") + "]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("hosts[0].os"));
    }

    @Test
    void refusesAnonymousCallersAndReadOnlyRoles() throws Exception {
        String body = "{\"hosts\":[" + host("anon-" + run, "") + "]}";
        mvc.perform(post("/api/v1/inventory").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/inventory").with(user("frank").roles("compliance-officers"))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/hosts/anon-" + run).with(operator())).andExpect(status().isNotFound());
    }

    @Test
    void filtersHostsByEnvironmentAndGroup() throws Exception {
        postInventory(host("f1-" + run, "") + "," + host("f2-" + run, "").replace("\"web-" + run + "\"",
                "\"db-" + run + "\""), 200);
        mvc.perform(get("/api/v1/hosts").param("environment", "prod-" + run).with(operator()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(2));
        mvc.perform(get("/api/v1/hosts").param("group", "db-" + run).with(operator()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].name").value("f2-" + run));
    }

    @Test
    void recordsPackageUpdatesOfADeploymentWithTheirReason() {
        String name = "dep-" + run;
        inventory.importHosts(List.of(new HostInput(name, "Debian:12", "prod", List.of(), "low", false,
                List.of(new PackageInput("libssl3", "3.0.11-1~deb12u1", "openssl", null, "amd64", null, null)))));

        fleet.applyPackageUpdates(name, List.of(new PackageUpdate("libssl3", "3.0.11-1~deb12u2", null)),
                "CHG-000042 ring canary");

        assertThat(fleet.packages(name)).singleElement().satisfies(p -> {
            assertThat(p.version()).isEqualTo("3.0.11-1~deb12u2");
            assertThat(p.sourceVersion()).isEqualTo("3.0.11-1~deb12u2");
        });
        assertThat(jdbc.queryForList("SELECT old_version || ' -> ' || new_version FROM inv_package_history h "
                + "JOIN inv_host x ON x.id = h.host_id WHERE x.name = ? AND reason = 'CHG-000042 ring canary'",
                String.class, name)).containsExactly("3.0.11-1~deb12u1 -> 3.0.11-1~deb12u2");
    }

    @Test
    void importsTwoHundredFiftyHostsWithFourHundredPackagesEachInOneCall() {
        List<HostInput> hosts = new ArrayList<>();
        for (int h = 0; h < 250; h++) {
            List<PackageInput> packages = new ArrayList<>();
            for (int p = 0; p < 400; p++) {
                packages.add(new PackageInput("pkg" + p, "1." + p + "-1"));
            }
            hosts.add(new HostInput("bulk-" + run + "-" + h, "Debian:12", "bulk-" + run, List.of("bulk"), "medium",
                    false, packages));
        }
        InventoryImportResult result = inventory.importHosts(hosts);

        assertThat(result).isEqualTo(new InventoryImportResult(250, 100_000, 100_000, 0, 0));
        assertThat(fleet.packages("bulk-" + run + "-249")).hasSize(400);
        assertThat(inventory.importHosts(hosts)).isEqualTo(new InventoryImportResult(250, 100_000, 0, 0, 0));
    }

    @Test
    void aLiveRefreshNamesTheMissingSourceAndRefusesUnknownHostsAndOtherRoles() throws Exception {
        String name = "live-" + run;
        postInventory(host(name, "{\"name\":\"bash\",\"version\":\"5.2.15-2+b2\"}"), 200);

        mvc.perform(post("/api/v1/inventory/refresh").with(operator()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hosts\":[\"" + name + "\"]}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(
                        "patchflow.deployment.backend=ansible")));
        mvc.perform(post("/api/v1/inventory/refresh").with(operator()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hosts\":[\"" + name + "\",\"nowhere-" + run + "\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("hosts[1]"));
        mvc.perform(post("/api/v1/inventory/refresh").with(operator()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hosts\":[]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("hosts"));
        mvc.perform(post("/api/v1/inventory/refresh").with(user("bob").roles("patch-testers"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"hosts\":[\"" + name + "\"]}"))
                .andExpect(status().isForbidden());
    }
}
