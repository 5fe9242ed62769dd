package io.patchflow.cli.client;

import io.patchflow.cli.options.CommandLine;
import io.patchflow.cli.options.UsageException;
import io.patchflow.shared.BadInputException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code import feed kev|epss|debian-tracker FILE}: {@code POST /api/v1/feeds/<feed>} with the file as published,
 * plain or gzip (the server inflates gzip itself, so it is sent as it is).
 */
final class ImportFeed extends ImportSubcommand {

    private static final List<String> FEEDS = List.of("kev", "epss", "debian-tracker");

    @Override
    String name() {
        return "feed";
    }

    @Override
    String usage() {
        return """
                import feed kev|epss|debian-tracker FILE
                  Loads a feed file as published, plain or gzip (POST /api/v1/feeds/...): the CISA KEV catalog
                  JSON, the EPSS CSV, the Debian security tracker JSON.
                """;
    }

    @Override
    int run(CommandLine line, PatchflowClient client, PrintStream out, PrintStream err)
            throws ServerUnreachableException {
        if (line.positional().size() != 2) {
            line.atMostPositional(2);
            throw new UsageException("name the feed and the file: import feed kev|epss|debian-tracker FILE");
        }
        String feed = line.positional().get(0);
        if (!FEEDS.contains(feed)) {
            throw new UsageException("unknown feed '" + feed + "': use one of " + String.join(", ", FEEDS));
        }
        Path file = Path.of(line.positional().get(1));
        FileKind kind = FileKind.of(file);
        if (kind.content() == FileKind.Content.ZIP && !kind.gzip()) {
            throw new BadInputException(file.toString(), "feeds are plain or gzip files, not zip archives");
        }
        String contentType = kind.gzip() ? "application/gzip"
                : feed.equals("epss") ? "text/csv" : "application/json";
        return client.post("/api/v1/feeds/" + feed, Upload.asIs(file, contentType)).report(command(), out, err);
    }
}
