package io.patchflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.patchflow.audit.AuditRecord;
import io.patchflow.audit.AuditTrail;
import io.patchflow.cli.client.AuditCommand;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code patchflow audit verify} end to end: the CLI's entry point against the whole application on a random port,
 * and packs exported from it checked offline from files.
 */
class AuditVerifyCliIntegrationTest extends PostgresIntegrationTest {

    private static final String DEMO_EXPORT_KEY = "demo-only-export-hmac-key-0123456789abcdef";

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;
    @Autowired
    AuditTrail trail;
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    @Test
    void verifyChecksTheServersChainAndAnswersZeroWhenIntact() {
        Run run = run(env("frank"), "audit", "verify");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"valid\":true");
        assertThat(run.err()).contains("audit chain intact");
    }

    @Test
    void verifyAsAnOperatorIsRefusedWithTheGroupItNeeds() {
        Run run = run(env("alice"), "audit", "verify");

        assertThat(run.exit()).isEqualTo(PatchflowCli.BAD_INPUT);
        assertThat(run.err()).contains("403").contains("compliance-officers");
    }

    @Test
    void anExportedPackVerifiesOfflineAndAgainstTheServer() throws Exception {
        Path pack = exportPack("csv");
        Path key = Files.writeString(dir.resolve("export.key"), DEMO_EXPORT_KEY + "\n");

        Run offline = run(Map.of(), "audit", "verify", "--pack", pack.toString(), "--hmac-key-file", key.toString());
        assertThat(offline.exit()).as(offline.err()).isZero();
        assertThat(offline.out()).contains("pack intact").contains("csv, 1 entries").contains("HMAC-SHA256");

        Run anchored = run(env("frank"), "audit", "verify", "--pack", pack.toString(), "--hmac-key-file",
                key.toString(), "--check-server");
        assertThat(anchored.exit()).as(anchored.err()).isZero();
        assertThat(anchored.err()).contains("still holding the pack's head");
    }

    @Test
    void aModifiedPackFailsWithExitThreeAndSaysWhy() throws Exception {
        Path pack = exportPack("json");
        Files.writeString(pack, Files.readString(pack).replace("\"Deployed\"", "\"Not deployed\""));
        Path key = Files.writeString(dir.resolve("export.key"), DEMO_EXPORT_KEY);

        Run run = run(Map.of(), "audit", "verify", "--pack", pack.toString(), "--hmac-key-file", key.toString());

        assertThat(run.exit()).isEqualTo(AuditCommand.TAMPERED);
        assertThat(run.err()).contains("pack NOT intact").contains("signature does not match")
                .contains("no longer match its hash");
    }

    @Test
    void aPackWithoutAKeyOrAMissingFileIsBadUsage() throws Exception {
        Path pack = exportPack("json");

        Run noKey = run(Map.of(), "audit", "verify", "--pack", pack.toString());
        assertThat(noKey.exit()).isEqualTo(PatchflowCli.BAD_INPUT);
        assertThat(noKey.err()).contains("--public-key PEM").contains("--hmac-key-file FILE");

        Run missing = run(Map.of(), "audit", "verify", "--pack", dir.resolve("nope.json").toString(),
                "--hmac-key-file", pack.toString());
        assertThat(missing.exit()).isEqualTo(PatchflowCli.BAD_INPUT);
        assertThat(missing.err()).contains("nope.json").contains("cannot read the pack file");
    }

    private Path exportPack(String format) throws Exception {
        String change = "CHG-CLI" + UUID.randomUUID().toString().substring(0, 6);
        trail.record(new AuditRecord(change, "rollout.host", "system", "Deployed", null, Map.of("host", "web-1"),
                Map.of("state", "SUCCEEDED")));
        byte[] bytes = mvc.perform(get("/api/v1/audit/export").param("changeId", change).param("format", format)
                        .with(user("frank").roles("compliance-officers")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        return Files.write(dir.resolve("evidence." + format), bytes);
    }

    private Map<String, String> env(String user) {
        Map<String, String> env = new HashMap<>();
        env.put("PATCHFLOW_URL", "http://localhost:" + port);
        env.put("PATCHFLOW_USER", user);
        env.put("PATCHFLOW_PASSWORD", user);
        return env;
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = PatchflowCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
