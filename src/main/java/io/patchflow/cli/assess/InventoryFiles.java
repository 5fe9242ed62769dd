package io.patchflow.cli.assess;

import io.patchflow.cli.options.UsageException;
import io.patchflow.inventory.HostAttributes;
import io.patchflow.inventory.InventoryFormat;
import io.patchflow.shared.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files {@code --inventory} names, each with the attributes of its host. A folder stands for its files (not its
 * sub-folders; hidden files left out), in name order. A single-host format (dpkg, rpm, CycloneDX, package_facts)
 * needs {@code --os}; its host is {@code --host} for one file, and for several files or a folder the file's name
 * without its last extension ({@code dpkg/web-1.tsv} describes {@code web-1}).
 * <p>
 * Environment and criticality play no part in matching, but the inventory module's checks require them of every
 * host; offline they are filled with placeholders ({@value #ENVIRONMENT}, {@value #CRITICALITY}) that a CSV may
 * override and that never reach the findings.
 */
final class InventoryFiles {

    static final String ENVIRONMENT = "offline";
    static final String CRITICALITY = "low";

    private InventoryFiles() {
    }

    static List<InventoryFile> of(AssessOptions options, InventoryFormat format) throws IOException {
        checkHostOptions(options, format);
        List<Path> files = new ArrayList<>();
        boolean fromFolder = false;
        for (Path given : options.inventories()) {
            if (Files.isDirectory(given)) {
                List<Path> inside = filesIn(given);
                if (inside.isEmpty()) {
                    throw new BadInputException(given.toString(), "no inventory files in this folder");
                }
                files.addAll(inside);
                fromFolder = true;
            } else if (Files.isRegularFile(given)) {
                files.add(given);
            } else {
                throw new BadInputException(given.toString(), "no such file or directory");
            }
        }
        boolean namedByFile = format.singleHost() && (files.size() > 1 || fromFolder) && options.host() == null;
        if (format.singleHost() && !namedByFile && options.host() == null) {
            throw new UsageException("--host is required with --inventory-format " + format.id()
                    + " (the name of the host the file describes); for several files or a folder, each file's name "
                    + "names its host");
        }
        if (format.singleHost() && files.size() > 1 && options.host() != null) {
            throw new UsageException("--host names one host, but there are " + files.size() + " inventory files; "
                    + "leave it out and each file's name (without extension) names its host");
        }
        return files.stream().map(file -> new InventoryFile(file, new HostAttributes(
                namedByFile ? hostName(file) : options.host(), options.os(), ENVIRONMENT, null, CRITICALITY, null)))
                .toList();
    }

    private static void checkHostOptions(AssessOptions options, InventoryFormat format) {
        if (format.singleHost() && options.os() == null) {
            throw new UsageException("--os is required with --inventory-format " + format.id() + " (the OSV "
                    + "ecosystem with release of the host, such as Debian:12, Ubuntu:22.04 or Red Hat:9)");
        }
        if (format == InventoryFormat.JSON && (options.host() != null || options.os() != null)) {
            throw new UsageException("--host and --os are for single-host formats (dpkg, rpm, cyclonedx, "
                    + "package-facts) and CSV; the JSON inventory names each host and its os");
        }
        if (format == InventoryFormat.CSV && options.host() != null) {
            throw new UsageException("--host is for single-host formats; a CSV names its hosts in its host column "
                    + "(--os fills its empty os cells)");
        }
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    /** {@code web-1.tsv} -> {@code web-1}; {@code web-1.example.org.dpkg} -> {@code web-1.example.org}. */
    static String hostName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
