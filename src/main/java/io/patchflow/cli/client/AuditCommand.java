package io.patchflow.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.patchflow.audit.EvidencePacks;
import io.patchflow.audit.PackVerification;
import io.patchflow.cli.PatchflowCli;
import io.patchflow.cli.options.CommandLine;
import io.patchflow.cli.options.UsageException;
import io.patchflow.shared.BadInputException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code patchflow audit verify}: checks the audit chain of a running Patchflow through its API (hash chain and
 * sealed checkpoints), or an exported evidence pack offline (signature and entry hashes), or both, the pack's chain
 * head then serving as an anchor the server's chain must still hold. Exit codes: 0 intact, 3 tampering found,
 * 2 bad usage or unreadable file or refused request, 1 server failed or unreachable.
 */
public final class AuditCommand {

    public static final String NAME = "audit";
    public static final String USAGE = """
            audit verify [--pack FILE (--public-key PEM | --hmac-key-file FILE)] [--check-server]
                           [--server URL] [--user NAME] [--password-file FILE] [--token-file FILE]
              Without --pack: checks the server's audit chain (GET /api/v1/audit/verify).
              With --pack: checks an exported evidence pack (JSON, CSV or PDF) offline: its signature, with the
              signer's public key or the HMAC key (first line of the file), and every entry's hash and link.
              --check-server also asks the server whether its chain still holds the pack's chain head.
              Exit codes: 0 intact, 3 tampering found (what, on standard error), 2 bad usage, unreadable file or
              refused request, 1 server failed or could not be reached.
            """;
    public static final int TAMPERED = 3;

    private static final JsonMapper JSON = new JsonMapper();
    private static final Set<String> OPTIONS = Set.of("--pack", "--public-key", "--hmac-key-file");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    public AuditCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public int run(String[] args) {
        String command = "patchflow audit verify";
        try {
            if (args.length == 0 || !"verify".equals(args[0])) {
                if (args.length > 0 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
                    out.print("Usage: java -jar patchflow.jar " + USAGE);
                    return PatchflowCli.OK;
                }
                throw new UsageException("the audit command is: audit verify");
            }
            Set<String> options = new HashSet<>(OPTIONS);
            options.addAll(ServerConnection.OPTIONS);
            CommandLine line = CommandLine.parse(java.util.Arrays.copyOfRange(args, 1, args.length), options,
                    Set.of(), Set.of("--check-server")).atMostPositional(0);
            if (line.help()) {
                out.print("Usage: java -jar patchflow.jar " + USAGE);
                return PatchflowCli.OK;
            }
            if (line.value("--pack") == null) {
                if (line.value("--public-key") != null || line.value("--hmac-key-file") != null
                        || line.flag("--check-server")) {
                    throw new UsageException("--public-key, --hmac-key-file and --check-server go with --pack");
                }
                return chain(line, null, command);
            }
            PackVerification pack = pack(line);
            if (!pack.valid()) {
                return TAMPERED;
            }
            return line.flag("--check-server") ? chain(line, pack, command) : PatchflowCli.OK;
        } catch (UsageException e) {
            err.println(command + ": " + e.getMessage());
            err.print("Usage: java -jar patchflow.jar " + USAGE);
            return PatchflowCli.BAD_INPUT;
        } catch (BadInputException e) {
            err.println(command + ": " + (e.field() == null ? "" : e.field() + ": ") + e.getMessage());
            return PatchflowCli.BAD_INPUT;
        } catch (ServerUnreachableException e) {
            err.println(command + ": " + e.getMessage());
            return PatchflowCli.FAILED;
        }
    }

    private PackVerification pack(CommandLine line) {
        String file = line.value("--pack");
        byte[] pack = read(file, "pack");
        if (line.value("--public-key") != null && line.value("--hmac-key-file") != null) {
            throw new UsageException("give --public-key or --hmac-key-file, not both");
        }
        if (line.value("--public-key") == null && line.value("--hmac-key-file") == null) {
            throw new UsageException("checking a pack needs the signer's key: --public-key PEM (Ed25519 or RSA "
                    + "packs) or --hmac-key-file FILE (HMAC-SHA256 packs)");
        }
        byte[] secret = line.value("--hmac-key-file") == null ? null : hmacKey(line.value("--hmac-key-file"));
        String publicKey = line.value("--public-key") == null ? null
                : new String(read(line.value("--public-key"), "public key"), StandardCharsets.US_ASCII);
        PackVerification result = EvidencePacks.verify(pack, secret, publicKey);
        if (result.valid()) {
            out.println("pack intact: " + file + " (" + result.format() + ", " + result.entries() + " entries, signed "
                    + result.algorithm() + " by key " + result.keyId() + ")");
        } else {
            err.println("pack NOT intact: " + file + " (" + result.format() + ")");
            result.problems().forEach(p -> err.println("  - " + p));
        }
        return result;
    }

    /** Asks the server to walk its chain; with an anchor, also whether the chain still holds it. */
    private int chain(CommandLine line, PackVerification anchor, String command) throws ServerUnreachableException {
        PatchflowClient client = new PatchflowClient(ServerConnection.from(line, env));
        String query = anchor == null ? "" : "?anchorSeq=" + anchor.headSeq() + "&anchorHash=" + anchor.headHash();
        ServerAnswer answer = client.get("/api/v1/audit/verify" + query);
        if (!answer.ok()) {
            err.println(command + ": " + answer.status() + " from " + answer.address() + ": " + detail(answer)
                    + (answer.status() == 403 ? " - verifying the chain needs the group compliance-officers or "
                    + "patchflow-admins" : ""));
            return answer.exitCode();
        }
        JsonNode result;
        try {
            result = JSON.readTree(answer.body());
        } catch (IOException e) {
            err.println(command + ": the server's answer is not JSON: " + answer.body());
            return PatchflowCli.FAILED;
        }
        out.println(answer.body().strip());
        if (result.path("valid").asBoolean(false)) {
            err.println("audit chain intact: " + result.path("entries").asLong() + " entries"
                    + (anchor == null ? "" : ", still holding the pack's head at position " + anchor.headSeq()));
            return PatchflowCli.OK;
        }
        err.println("audit chain NOT intact: " + result.path("problem").asText("(no reason given)"));
        return TAMPERED;
    }

    private static String detail(ServerAnswer answer) {
        try {
            JsonNode body = JSON.readTree(answer.body());
            return body.path("detail").asText(body.path("error").asText(answer.body()));
        } catch (IOException e) {
            return answer.body();
        }
    }

    private static byte[] read(String file, String what) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read the " + what + " file (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    private static byte[] hmacKey(String file) {
        String first = new String(read(file, "HMAC key"), StandardCharsets.UTF_8).lines().findFirst().orElse("");
        if (first.isEmpty()) {
            throw new BadInputException(file, "the HMAC key file is empty");
        }
        return first.getBytes(StandardCharsets.UTF_8);
    }
}
