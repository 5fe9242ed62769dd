package io.patchflow.cli.assess;

import io.patchflow.cli.options.CommandLine;
import io.patchflow.cli.options.UsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The options of {@code assess}. {@code inventories} are the files or folders given with {@code --inventory} (one or
 * more); {@code out} is null for standard output; {@code inventoryFormat} names an {@link InventoryReader} ("json"
 * unless given); {@code host} and {@code os} describe the host of a single-host format (and fill empty CSV cells).
 */
record AssessOptions(List<Path> inventories, Path advisories, Path out, String inventoryFormat, String host,
        String os, boolean help) {

    /** Reads {@code --name value} and {@code --name=value}; anything unknown or incomplete is a usage error. */
    static AssessOptions parse(String[] args) {
        CommandLine line = CommandLine.parse(args, Set.of("--advisories", "--out", "--inventory-format", "--host",
                "--os"), Set.of("--inventory"), Set.of()).atMostPositional(0);
        if (line.help()) {
            return new AssessOptions(List.of(), null, null, InventoryReaders.DEFAULT, null, null, true);
        }
        if (line.values("--inventory").isEmpty()) {
            throw new UsageException("--inventory FILE is required");
        }
        if (line.value("--advisories") == null) {
            throw new UsageException("--advisories PATH is required");
        }
        return new AssessOptions(line.values("--inventory").stream().map(Path::of).toList(),
                Path.of(line.value("--advisories")), line.value("--out") == null ? null : Path.of(line.value("--out")),
                line.value("--inventory-format", InventoryReaders.DEFAULT), line.value("--host"), line.value("--os"),
                false);
    }
}
