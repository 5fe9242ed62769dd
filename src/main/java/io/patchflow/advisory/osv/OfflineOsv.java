package io.patchflow.advisory.osv;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OSV advisories from a file, directory or zip without Spring or a database, for the offline {@code assess}: the same
 * reading and checks as an import, and the same rules. Of several records with one id the one with the newest
 * {@code modified} wins (an older record never replaces a newer one), and a withdrawn record removes its advisory.
 */
public final class OfflineOsv {

    /** The advisories in force (newest per id, not withdrawn), and what was left out. */
    public record Loaded(List<OsvAdvisory> advisories, int withdrawn, int superseded, int passedOver) {
    }

    private OfflineOsv() {
    }

    /** @throws io.patchflow.shared.BadInputException naming the file and field of an invalid record */
    public static Loaded load(Path path) {
        return load(path, new OsvReader(new ObjectMapper(), ZipLimits.defaults()));
    }

    public static Loaded load(Path path, OsvReader reader) {
        Map<String, OsvAdvisory> newest = new HashMap<>();
        int[] superseded = {0};
        int passedOver = reader.read(path, document -> {
            OsvAdvisory advisory = OsvParser.parse(document.node(), document.path());
            OsvAdvisory earlier = newest.get(advisory.id());
            if (earlier == null || advisory.modified().isAfter(earlier.modified())) {
                newest.put(advisory.id(), advisory);
            }
            if (earlier != null) {
                superseded[0]++;
            }
        });
        List<OsvAdvisory> inForce = newest.values().stream().filter(a -> !a.isWithdrawn())
                .sorted(Comparator.comparing(OsvAdvisory::id)).toList();
        return new Loaded(inForce, newest.size() - inForce.size(), superseded[0], passedOver);
    }
}
