package io.patchflow.cli.client;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.patchflow.cli.PatchflowCli;
import io.patchflow.cli.options.CommandLine;
import io.patchflow.shared.BadInputException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code import advisories PATH}: {@code POST /api/v1/advisories} with an OSV file (object or array, plain or gzip)
 * or an OSV zip as osv.dev publishes it. A folder is imported file by file (its {@code .json}, {@code .gz} and
 * {@code .zip} files, searched recursively, in path order), each in a request, and so in a transaction, of its own:
 * the first refused file stops the run, and the files before it stay imported. For a folder each answer is printed
 * as one line {@code {"file":...,"answer":{...}}}.
 */
final class ImportAdvisories extends ImportSubcommand {

    @Override
    String name() {
        return "advisories";
    }

    @Override
    String usage() {
        return """
                import advisories PATH
                  Loads OSV advisories (POST /api/v1/advisories): one file (an object or an array, plain or gzip),
                  an OSV zip as osv.dev publishes <ecosystem>/all.zip, or a folder of such files, one request each.
                """;
    }

    @Override
    int run(CommandLine line, PatchflowClient client, PrintStream out, PrintStream err)
            throws ServerUnreachableException {
        Path path = Path.of(ImportInventory.single(line));
        if (!Files.isDirectory(path)) {
            return client.post("/api/v1/advisories", upload(path)).report(command(), out, err);
        }
        List<Path> files = filesIn(path);
        if (files.isEmpty()) {
            throw new BadInputException(path.toString(), "no .json, .gz or .zip files in this folder");
        }
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            ServerAnswer answer = client.post("/api/v1/advisories", upload(file));
            if (!answer.ok()) {
                err.println(command() + ": " + file + ": " + answer.refusal());
                err.println(command() + ": stopped; " + i + " earlier file(s) of " + path + " were imported, "
                        + (files.size() - i - 1) + " not tried");
                return answer.exitCode();
            }
            out.println("{\"file\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(file.toString()))
                    + "\",\"answer\":" + answer.body().strip() + "}");
        }
        return PatchflowCli.OK;
    }

    private static Upload upload(Path file) {
        FileKind kind = FileKind.of(file);
        String contentType = kind.gzip() ? "application/gzip"
                : kind.content() == FileKind.Content.ZIP ? "application/zip" : "application/json";
        return Upload.asIs(file, contentType);
    }

    private static List<Path> filesIn(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(ImportAdvisories::advisoryFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean advisoryFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".json") || name.endsWith(".gz") || name.endsWith(".zip"));
    }
}
