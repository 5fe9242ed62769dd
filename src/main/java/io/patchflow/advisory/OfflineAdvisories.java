package io.patchflow.advisory;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.advisory.matching.MatchHit;
import io.patchflow.advisory.matching.MatchIndex;
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

    /** The server's defaults ({@code patchflow.advisory.zip.*}): osv.dev's largest archives fit. */
    private static final ZipLimits LIMITS = new ZipLimits(DataSize.ofGigabytes(1), DataSize.ofMegabytes(64), 500_000,
            100);

    private final MatchIndex index;
    private final Map<String, List<String>> aliases;
    private final int advisories;
    private final int withdrawn;

    private OfflineAdvisories(Map<String, OsvAdvisory> byId) {
        List<StoredAffected> affected = new ArrayList<>();
        Map<String, List<String>> aliasMap = new HashMap<>();
        int withdrawnCount = 0;
        for (OsvAdvisory advisory : byId.values()) {
            if (advisory.isWithdrawn()) {
                withdrawnCount++;
                continue;
            }
            aliasMap.put(advisory.id(), advisory.aliases().stream().sorted().toList());
            advisory.affected().forEach(a -> affected.add(new StoredAffected(advisory.id(), a)));
        }
        this.index = new MatchIndex(affected);
        this.aliases = aliasMap;
        this.advisories = byId.size();
        this.withdrawn = withdrawnCount;
    }

    /**
     * Reads an OSV file (object, array or zip) or every {@code .json} and {@code .zip} file under a directory.
     *
     * @throws BadInputException naming the file and the field or line that is wrong
     */
    public static OfflineAdvisories load(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new BadInputException(path.toString(), "no such file or directory");
        }
        OsvReader reader = new OsvReader(new ObjectMapper(), LIMITS);
        Map<String, OsvAdvisory> byId = new HashMap<>();
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(Files::isRegularFile).filter(OfflineAdvisories::isOsvFile).sorted().toList();
            }
        } else {
            files = List.of(path);
        }
        for (Path file : files) {
            read(reader, file, byId);
        }
        return new OfflineAdvisories(byId);
    }

    private static boolean isOsvFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".zip");
    }

    private static void read(OsvReader reader, Path file, Map<String, OsvAdvisory> byId) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            reader.read(in, document -> {
                OsvAdvisory advisory = OsvParser.parse(document.node(), document.path());
                byId.merge(advisory.id(), advisory, (old, now) -> now.modified().isAfter(old.modified()) ? now : old);
            });
        } catch (BadInputException e) {
            throw new BadInputException(e.field() == null ? file.toString() : file + ": " + e.field(),
                    e.getMessage());
        }
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
