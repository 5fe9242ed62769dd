package io.patchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.patchflow.advisory.Fixtures;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The {@code import} commands end to end: the CLI's entry point, in-process as {@code java -jar patchflow.jar import
 * ...} runs it, talking HTTP to the whole application started on a random port on PostgreSQL. Real fixtures (KEV,
 * Trivy) are sent from the shared fixtures folder; what the server stored is read back through the API.
 */
class ImportCliIntegrationTest extends PostgresIntegrationTest {

    private static final JsonMapper JSON = new JsonMapper();

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;
    @TempDir
    Path dir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private record Run(int exit, String out, String err) {

        JsonNode answer() throws IOException {
            return JSON.readTree(out);
        }
    }

    private Map<String, String> env(String user) {
        Map<String, String> env = new HashMap<>();
        env.put("PATCHFLOW_URL", "http://localhost:" + port);
        env.put("PATCHFLOW_USER", user);
        env.put("PATCHFLOW_PASSWORD", user);
        return env;
    }

    private Run as(String user, String... args) {
        return run(env(user), args);
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = PatchflowCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private Path gzip(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private String osv(String id, String source) {
        return """
                {"id":"%s","modified":"2024-01-01T00:00:00Z","aliases":["CVE-2099-%s"],
                 "affected":[{"package":{"ecosystem":"Debian:12","name":"%s"},
                   "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.0-2"}]}]}]}
                """.formatted(id, Math.abs(id.hashCode() % 100000), source);
    }

    @Test
    void importsADpkgListForTheHostGivenByOptions() throws Exception {
        String host = "cli-dpkg-" + run;
        Path dpkg = write(host + ".tsv", """
                bash\t5.2.15-2+b2\tbash\t5.2.15-2\tamd64
                libssl3\t3.0.11-1~deb12u1\topenssl\t3.0.11-1~deb12u1\tamd64
                """);

        Run imported = as("alice", "import", "inventory", dpkg.toString(), "--format", "dpkg", "--host", host,
                "--os", "Debian:12", "--environment", "production", "--criticality", "high", "--groups",
                "web,dmz", "--internet-facing");

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.answer().get("hosts").asInt()).isEqualTo(1);
        assertThat(imported.answer().get("packages").asInt()).isEqualTo(2);
        assertThat(imported.answer().get("added").asInt()).isEqualTo(2);
        JsonNode stored = JSON.readTree(mvc.perform(get("/api/v1/hosts/" + host).with(user("frank")
                .roles("compliance-officers"))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
        assertThat(stored.get("os").asText()).isEqualTo("Debian:12");
        assertThat(stored.get("criticality").asText()).isEqualTo("high");
        assertThat(stored.get("internetFacing").asBoolean()).isTrue();
        assertThat(stored.get("groups")).extracting(JsonNode::asText).containsExactly("dmz", "web");
        assertThat(stored.get("packages")).extracting(p -> p.get("name").asText() + " " + p.get("source").asText()
                + " " + p.get("sourceVersion").asText()).containsExactlyInAnyOrder("bash bash 5.2.15-2",
                "libssl3 openssl 3.0.11-1~deb12u1");
    }

    @Test
    void importsACsvTakingTheFormatFromTheFileNameEvenGzipped() throws Exception {
        String host = "cli-csv-" + run;
        Path csv = gzip("fleet.csv.gz", """
                host,os,environment,criticality,name,version
                %s,Debian:12,test,low,zlib1g,1:1.2.13.dfsg-1
                """.formatted(host));

        Run imported = as("alice", "import", "inventory", csv.toString());

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.answer().get("packages").asInt()).isEqualTo(1);
        mvc.perform(get("/api/v1/hosts/" + host).with(user("alice").roles("patch-operators")))
                .andExpect(status().isOk());
    }

    @Test
    void importsAnOsvFileAndAFolderOfThemOneRequestEach() throws Exception {
        Path single = write("one.json", osv("CLI-" + run + "-1", "lib-" + run));
        Path folder = Files.createDirectories(dir.resolve("osv/nested"));
        Files.writeString(folder.getParent().resolve("a.json"), "[" + osv("CLI-" + run + "-2", "lib-" + run) + ","
                + osv("CLI-" + run + "-3", "lib-" + run) + "]");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve("b.json.gz")))) {
            out.write(osv("CLI-" + run + "-4", "lib-" + run).getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(folder.resolve("README.txt"), "not an advisory, left out");

        Run one = as("alice", "import", "advisories", single.toString());
        Run many = as("alice", "import", "advisories", folder.getParent().toString());

        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(one.answer().get("advisories").asInt()).isEqualTo(1);
        assertThat(many.exit()).as(many.err()).isZero();
        List<JsonNode> lines = many.out().lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError(line, e);
            }
        }).toList();
        assertThat(lines).extracting(l -> Path.of(l.get("file").asText()).getFileName().toString() + " "
                + l.get("answer").get("advisories").asInt()).containsExactly("a.json 2", "b.json.gz 1");
        for (int i = 1; i <= 4; i++) {
            mvc.perform(get("/api/v1/advisories/CLI-" + run + "-" + i).with(user("alice").roles("patch-operators")))
                    .andExpect(status().isOk());
        }
    }

    @Test
    void importsTheRealKevCatalog() throws Exception {
        Run imported = as("alice", "import", "feed", "kev",
                Fixtures.path("kev/known_exploited_vulnerabilities.json").toString());

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.answer().get("catalogVersion").asText()).isEqualTo("2025.08.25");
        assertThat(imported.answer().get("entries").asInt()).isEqualTo(1404);
    }

    @Test
    void importsARealTrivyReport() throws Exception {
        Run imported = as("alice", "import", "scan", "--format", "trivy",
                Fixtures.path("scanners/trivy/scheme_2_many_vulns.json").toString());

        assertThat(imported.exit()).as(imported.err()).isZero();
        JsonNode answer = imported.answer();
        assertThat(answer.get("format").asText()).isEqualTo("trivy");
        assertThat(answer.get("findings").asInt()).isEqualTo(5);
        assertThat(answer.get("importedBy").asText()).isEqualTo("alice");
        JsonNode stored = JSON.readTree(mvc.perform(get("/api/v1/scans/" + answer.get("id").asLong())
                .with(user("alice").roles("patch-operators"))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString());
        assertThat(stored.get("findings").asInt()).isEqualTo(5);
    }

    @Test
    void aBadLineRefusedByTheServerExitsWithTwoNamingTheField() throws Exception {
        Path dpkg = write("bad.tsv", "bash\t5.2.15-2+b2\nzlib1g\t1:1.2.13 dfsg-1\n");

        Run refused = as("alice", "import", "inventory", dpkg.toString(), "--format", "dpkg", "--host",
                "cli-bad-" + run, "--os", "Debian:12", "--environment", "test", "--criticality", "low");

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).startsWith("patchflow import inventory: 400 Invalid input: ")
                .contains("(field: line 2: version)", "[POST http://localhost:" + port + "/api/v1/inventory?");
        mvc.perform(get("/api/v1/hosts/cli-bad-" + run).with(user("alice").roles("patch-operators")))
                .andExpect(status().isNotFound());
    }

    @Test
    void aUserWithoutTheRoleIsRefusedWithExitTwo() throws IOException {
        Path advisory = write("bob.json", osv("CLI-" + run + "-BOB", "lib-" + run));

        Run refused = as("bob", "import", "advisories", advisory.toString());

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).startsWith("patchflow import advisories: 403 Not allowed for your role: ")
                .contains("imports need the group patch-operators");
    }

    @Test
    void wrongCredentialsAreRefusedWithExitTwoAndThePasswordIsNeverShown() throws IOException {
        Path advisory = write("wrong.json", osv("CLI-" + run + "-PW", "lib-" + run));
        // An unknown user: a wrong password for a demo user would make Camunda lock that user for every other test.
        Map<String, String> env = env("nobody-" + run);
        env.put("PATCHFLOW_PASSWORD", "s3cret-" + run);

        Run refused = run(env, "import", "advisories", advisory.toString());

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).startsWith("patchflow import advisories: 401").doesNotContain("s3cret-" + run);
    }

    @Test
    void thePasswordComesFromAFileAndNeverFromTheCommandLine() throws IOException {
        Path advisory = write("file.json", osv("CLI-" + run + "-PF", "lib-" + run));
        Path passwordFile = write("password", "alice\n");
        Map<String, String> env = Map.of("PATCHFLOW_URL", "http://localhost:" + port);

        Run fromFile = run(env, "import", "advisories", advisory.toString(), "--user", "alice", "--password-file",
                passwordFile.toString());
        Run onCommandLine = run(env, "import", "advisories", advisory.toString(), "--user", "alice", "--password",
                "alice");
        Run noPassword = run(env, "import", "advisories", advisory.toString(), "--user", "alice");

        assertThat(fromFile.exit()).as(fromFile.err()).isZero();
        assertThat(onCommandLine.exit()).isEqualTo(2);
        assertThat(onCommandLine.err()).startsWith("patchflow import advisories: a password is never given on the "
                + "command line");
        assertThat(noPassword.exit()).isEqualTo(2);
        assertThat(noPassword.err()).startsWith("patchflow import advisories: no password for user 'alice'");
    }

    @Test
    void anUnreachableServerExitsWithOneNamingTheUrl() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Path advisory = write("nowhere.json", osv("CLI-" + run + "-X", "lib-" + run));

        Run unreachable = as("alice", "import", "advisories", advisory.toString(), "--server",
                "http://127.0.0.1:" + closed);

        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.err().strip()).isEqualTo("patchflow import advisories: cannot reach Patchflow at "
                + "http://127.0.0.1:" + closed + "/api/v1/advisories: connection refused (check --server or "
                + "$PATCHFLOW_URL)");
    }

    @Test
    void aSingleHostFormatNeedsItsHostOptionsBeforeAnythingIsSent() throws IOException {
        Path dpkg = write("web.tsv", "bash\t5.2.15-2+b2\n");

        Run noOs = as("alice", "import", "inventory", dpkg.toString(), "--format", "dpkg", "--host", "web");
        Run noFormat = as("alice", "import", "inventory", dpkg.toString());
        Run missing = as("alice", "import", "inventory", dir.resolve("nope.tsv").toString(), "--format", "dpkg");

        assertThat(noOs.exit()).isEqualTo(2);
        assertThat(noOs.err()).startsWith("patchflow import inventory: --os is required with --format dpkg");
        assertThat(noFormat.exit()).isEqualTo(2);
        assertThat(noFormat.err()).startsWith("patchflow import inventory: name the format of " + dpkg
                + " with --format");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("patchflow import inventory: " + dir.resolve("nope.tsv")
                + ": no such file");
    }
}
