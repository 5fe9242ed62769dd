package io.patchflow.cli.client;

import io.patchflow.cli.options.CommandLine;
import io.patchflow.cli.options.UsageException;
import io.patchflow.inventory.InventoryFormat;
import io.patchflow.shared.BadInputException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * {@code import inventory FILE}: {@code POST /api/v1/inventory?format=...} with the file as body. The format is
 * {@code --format}, or else told from the file: {@code .csv} is CSV, a file starting with '{' the JSON of the API;
 * the text outputs of dpkg, rpm and Ansible must be named. Single-host formats need {@code --host}, {@code --os},
 * {@code --environment} and {@code --criticality}, checked here so the message names the option. A gzipped file is
 * inflated on the way (the endpoint reads plain files).
 */
final class ImportInventory extends ImportSubcommand {

    @Override
    String name() {
        return "inventory";
    }

    @Override
    String usage() {
        return """
                import inventory FILE [--format F] [--host H --os OS --environment E --criticality C]
                                 [--groups a,b] [--internet-facing]
                  Replaces the package lists of the hosts in FILE (POST /api/v1/inventory).
                  --format  json, csv, dpkg, rpm, cyclonedx, package-facts (docs/inventory-formats.md); default:
                            csv for a .csv file, json for a JSON file; the others must be named
                  --host, --os, --environment, --criticality: the host of a dpkg, rpm, cyclonedx or package-facts
                            file (all four required); for csv they fill empty cells. --groups and
                            --internet-facing likewise.
                """;
    }

    @Override
    Set<String> options() {
        return Set.of("--format", "--host", "--os", "--environment", "--groups", "--criticality");
    }

    @Override
    Set<String> flags() {
        return Set.of("--internet-facing");
    }

    @Override
    int run(CommandLine line, PatchflowClient client, PrintStream out, PrintStream err)
            throws ServerUnreachableException {
        Path file = Path.of(single(line));
        FileKind kind = FileKind.of(file);
        if (kind.content() == FileKind.Content.ZIP) {
            throw new BadInputException(file.toString(), "a zip archive is not an inventory file: unpack it and "
                    + "import its files");
        }
        InventoryFormat format = format(line.value("--format"), file, kind);
        if (format.singleHost()) {
            for (String option : new String[] {"--host", "--os", "--environment", "--criticality"}) {
                if (line.value(option) == null) {
                    throw new UsageException(option + " is required with --format " + format.id() + " (the file "
                            + "describes one host: give its name, os such as Debian:12, environment and criticality)");
                }
            }
        } else if (format == InventoryFormat.JSON && line.value("--host") != null) {
            throw new UsageException("--host is for single-host formats; the JSON names each host");
        }
        String query = new Query().add("format", format.id()).add("host", line.value("--host"))
                .add("os", line.value("--os")).add("environment", line.value("--environment"))
                .add("groups", line.value("--groups")).add("criticality", line.value("--criticality"))
                .add("internetFacing", line.flag("--internet-facing") ? "true" : null).toString();
        String contentType = contentType(format, kind);
        Upload upload = kind.gzip() ? Upload.gunzipped(file, contentType) : Upload.asIs(file, contentType);
        return client.post("/api/v1/inventory" + query, upload).report(command(), out, err);
    }

    static String single(CommandLine line) {
        if (line.positional().isEmpty()) {
            throw new UsageException("FILE is required");
        }
        return line.atMostPositional(1).positional().get(0);
    }

    private static InventoryFormat format(String named, Path file, FileKind kind) {
        if (named != null) {
            try {
                return InventoryFormat.named(named);
            } catch (BadInputException e) {
                throw new UsageException("unknown --format '" + named + "': use one of " + InventoryFormat.ids());
            }
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
            return InventoryFormat.CSV;
        }
        if (kind.content() == FileKind.Content.JSON) {
            return InventoryFormat.JSON;
        }
        throw new UsageException("name the format of " + file + " with --format (" + InventoryFormat.ids() + ")");
    }

    /** A content type the endpoint reads for the format (the format itself travels in ?format=). */
    private static String contentType(InventoryFormat format, FileKind kind) {
        return switch (format) {
            case JSON -> "application/json";
            case CSV -> "text/csv";
            case CYCLONEDX -> kind.content() == FileKind.Content.XML ? "application/vnd.cyclonedx+xml"
                    : "application/vnd.cyclonedx+json";
            case DPKG, RPM, PACKAGE_FACTS -> "text/plain; charset=UTF-8";
        };
    }
}
