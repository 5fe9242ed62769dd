package io.patchflow.cli.client;

import io.patchflow.cli.options.CommandLine;
import io.patchflow.cli.options.UsageException;
import io.patchflow.shared.BadInputException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code import scan --format F FILE [--host H]}: {@code POST /api/v1/scans?format=F&host=H} with the report as the
 * scanner wrote it. The server tells JSON from XML by the body; the content type sent says the same. A gzipped
 * report is inflated on the way.
 */
final class ImportScan extends ImportSubcommand {

    @Override
    String name() {
        return "scan";
    }

    @Override
    String usage() {
        return """
                import scan --format F FILE [--host H]
                  Imports a scanner report (POST /api/v1/scans). F: trivy, grype, osv-scanner, openvas, nessus,
                  cyclonedx, sarif. --host names the host the report is about where the report does not.
                """;
    }

    @Override
    Set<String> options() {
        return Set.of("--format", "--host");
    }

    @Override
    int run(CommandLine line, PatchflowClient client, PrintStream out, PrintStream err)
            throws ServerUnreachableException {
        Path file = Path.of(ImportInventory.single(line));
        String format = line.value("--format");
        if (format == null) {
            throw new UsageException("--format is required: trivy, grype, osv-scanner, openvas, nessus, cyclonedx "
                    + "or sarif");
        }
        FileKind kind = FileKind.of(file);
        String contentType = switch (kind.content()) {
            case JSON -> "application/json";
            case XML -> "application/xml";
            case ZIP -> throw new BadInputException(file.toString(), "a zip archive is not a scanner report: "
                    + "unpack it and import the report");
            case TEXT -> "application/octet-stream";
        };
        Upload upload = kind.gzip() ? Upload.gunzipped(file, contentType) : Upload.asIs(file, contentType);
        String query = new Query().add("format", format).add("host", line.value("--host")).toString();
        return client.post("/api/v1/scans" + query, upload).report(command(), out, err);
    }
}
