package io.patchflow.advisory;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.advisory.matching.MatchHit;
import io.patchflow.advisory.matching.MatchIndex;
import io.patchflow.advisory.osv.OfflineOsv;
import io.patchflow.advisory.osv.OsvAdvisory;
import io.patchflow.advisory.osv.OsvParser;
import io.patchflow.advisory.osv.OsvReader;
import io.patchflow.advisory.osv.ZipLimits;
import io.patchflow.advisory.store.StoredAffected;
import io.patchflow.advisory.version.Ecosystems;
import io.patchflow.shared.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.util.unit.DataSize;

/**
 * Advisories read straight from OSV files and matched in memory, without database, server or Spring context: what
 * the offline CLI {@code assess} uses. The same OSV reader and parser as {@code POST /api/v1/advisories} (one object,
 * an array, or an osv.dev zip, with the same zip limits), and the same matching core as the fleet matcher, so the
 * CLI and the server give the same findings for the same data. Withdrawn advisories never match. When two files
 * carry the same id, the one with the later {@code modified} wins, as on import.
 */
public final class OfflineAdvisories {

    private final MatchIndex index;
    private final Map<String, List<String>> aliases;
    private final int advisories;
    private final int withdrawn;

    private OfflineAdvisories(OfflineOsv.Loaded loaded) {
        List<StoredAffected> affected = new ArrayList<>();
        Map<String, List<String>> aliasMap = new HashMap<>();
        for (OsvAdvisory advisory : loaded.advisories()) {
            aliasMap.put(advisory.id(), advisory.aliases().stream().sorted().toList());
            advisory.affected().forEach(a -> affected.add(new StoredAffected(advisory.id(), a)));
        }
        this.index = new MatchIndex(affected);
        this.aliases = aliasMap;
        this.advisories = loaded.advisories().size() + loaded.withdrawn();
        this.withdrawn = loaded.withdrawn();
    }

    /**
     * Reads an OSV file (object, array or zip) or every {@code .json} and {@code .zip} file under a directory, as
     * {@link OfflineOsv} does for every offline reader.
     *
     * @throws BadInputException naming the file and the field or line that is wrong
     */
    public static OfflineAdvisories load(Path path) {
        if (!Files.exists(path)) {
            throw new BadInputException(path.toString(), "no such file or directory");
        }
        return new OfflineAdvisories(OfflineOsv.load(path));
    }

    /** Advisories read (withdrawn ones included). */
    public int advisories() {
        return advisories;
    }

    /** Withdrawn advisories read, which never match. */
    public int withdrawn() {
        return withdrawn;
    }

    /** The ecosystems (without release) the advisories concern. */
    public Set<String> ecosystems() {
        return index.ecosystems();
    }

    /** Whether advisories of this ecosystem name source packages (Debian, Ubuntu): then match source and version. */
    public static boolean namesSourcePackages(String ecosystem) {
        return Ecosystems.namesSourcePackages(ecosystem);
    }

    /**
     * The advisories affecting one installed (ecosystem with release, name, version), in advisory id order; name and
     * version are the source package's where {@link #namesSourcePackages} says so. Remembered per tuple.
     */
    public List<AdvisoryMatch> matches(String ecosystem, String name, String version) {
        if (!index.names(ecosystem, name)) {
            return List.of();
        }
        List<MatchHit> hits = index.hits(ecosystem, name, version);
        if (hits.isEmpty()) {
            return List.of();
        }
        List<AdvisoryMatch> result = new ArrayList<>(hits.size());
        for (MatchHit hit : hits) {
            result.add(new AdvisoryMatch(hit.advisoryId(), aliases.getOrDefault(hit.advisoryId(), List.of()),
                    hit.fixedVersion(), hit.noFixReason()));
        }
        return result;
    }
}
