package io.patchflow.advisory.matching;

import io.patchflow.advisory.osv.OsvAffected;
import io.patchflow.advisory.osv.OsvEvent;
import io.patchflow.advisory.osv.OsvRange;
import io.patchflow.advisory.version.VersionComparator;
import io.patchflow.advisory.version.VersionComparators;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides whether a version is affected, following the evaluation the OSV schema specifies: a version is affected
 * when it is listed in {@code versions}, or when some ECOSYSTEM/SEMVER range, its events sorted by version ("0"
 * first), leaves it affected after walking them (introduced opens, fixed closes at, last_affected closes after) and
 * it is below one of the range's limits, if any. GIT ranges name commits, not versions, and are not evaluated.
 *
 * <p>The fixed version reported is the lowest one that <em>resolves</em> the finding: the lowest {@code fixed} event
 * above the installed version that is itself not affected by any entry of the advisory for this package. A fix that
 * another range re-opens (overlapping ranges, or a GHSA record that lists the package once per range) is skipped;
 * when no fix resolves, the finding has none ({@code NO_FIX}, with the source's reason when it gives one).
 */
public final class RangeEvaluator {

    private RangeEvaluator() {
    }

    /** The outcome for one installed version: affected or not, the lowest resolving fix, and why there is none. */
    public record Verdict(boolean affected, String fixedVersion, String noFixReason) {

        static final Verdict NOT_AFFECTED = new Verdict(false, null, null);

        public Verdict(boolean affected, String fixedVersion) {
            this(affected, fixedVersion, null);
        }
    }

    /** The verdict of one affected entry. */
    public static Verdict evaluate(String version, OsvAffected affected) {
        return evaluate(version, List.of(affected));
    }

    /**
     * The verdict of one advisory whose {@code entries} all name the same package in ecosystems that apply to it:
     * affected when any entry affects the version; the fix must leave every entry behind.
     */
    public static Verdict evaluate(String version, List<OsvAffected> entries) {
        String noFixReason = null;
        boolean affected = false;
        for (OsvAffected entry : entries) {
            if (isAffected(version, entry)) {
                affected = true;
                if (noFixReason == null) {
                    noFixReason = entry.noFixReason();
                }
            }
        }
        if (!affected) {
            return Verdict.NOT_AFFECTED;
        }
        String fixed = lowestResolvingFix(version, entries);
        return new Verdict(true, fixed, fixed == null ? noFixReason : null);
    }

    /** The OSV schema's {@code IsAffected}: listed explicitly, or inside one of the entry's version ranges. */
    static boolean isAffected(String version, OsvAffected affected) {
        if (affected.versions().contains(version)) {
            return true;
        }
        VersionComparator ecosystemOrder = VersionComparators.forEcosystem(affected.ecosystem());
        for (OsvRange range : affected.ranges()) {
            VersionComparator order = comparatorFor(range, ecosystemOrder);
            if (order != null && inRange(version, range, order)) {
                return true;
            }
        }
        return false;
    }

    static boolean inRange(String version, OsvRange range, VersionComparator order) {
        List<OsvEvent> limits = range.events().stream().filter(e -> OsvEvent.LIMIT.equals(e.type())).toList();
        if (!limits.isEmpty() && limits.stream().noneMatch(l -> "*".equals(l.version())
                || order.compare(version, l.version()) < 0)) {
            return false;
        }
        List<OsvEvent> sorted = range.events().stream().filter(e -> !OsvEvent.LIMIT.equals(e.type()))
                .sorted(eventOrder(order)).toList();
        boolean vulnerable = false;
        for (OsvEvent event : sorted) {
            switch (event.type()) {
                case OsvEvent.INTRODUCED -> {
                    if (isZero(event.version()) || order.compare(version, event.version()) >= 0) {
                        vulnerable = true;
                    }
                }
                case OsvEvent.FIXED -> {
                    if (order.compare(version, event.version()) >= 0) {
                        vulnerable = false;
                    }
                }
                case OsvEvent.LAST_AFFECTED -> {
                    if (order.compare(version, event.version()) > 0) {
                        vulnerable = false;
                    }
                }
                default -> throw new IllegalStateException("unknown event " + event.type());
            }
        }
        return vulnerable;
    }

    /** Fixed events above the installed version, lowest first, until one that no entry still calls affected. */
    private static String lowestResolvingFix(String version, List<OsvAffected> entries) {
        VersionComparator ecosystemOrder = VersionComparators.forEcosystem(entries.get(0).ecosystem());
        List<String> candidates = new ArrayList<>();
        for (OsvAffected entry : entries) {
            for (OsvRange range : entry.ranges()) {
                VersionComparator order = comparatorFor(range, ecosystemOrder);
                if (order == null) {
                    continue;
                }
                for (OsvEvent event : range.events()) {
                    if (OsvEvent.FIXED.equals(event.type()) && order.compare(event.version(), version) > 0) {
                        candidates.add(event.version());
                    }
                }
            }
        }
        candidates.sort(ecosystemOrder);
        for (String candidate : candidates) {
            if (entries.stream().noneMatch(entry -> isAffected(candidate, entry))) {
                return candidate;
            }
        }
        return null;
    }

    private static VersionComparator comparatorFor(OsvRange range, VersionComparator ecosystemOrder) {
        return switch (range.type()) {
            case OsvRange.SEMVER -> VersionComparators.semver();
            case OsvRange.ECOSYSTEM -> ecosystemOrder;
            default -> null;
        };
    }

    /** Events by version, "0" before everything; equal versions keep the record's order (the sort is stable). */
    private static Comparator<OsvEvent> eventOrder(VersionComparator order) {
        return (a, b) -> {
            if (isZero(a.version()) || isZero(b.version())) {
                return Boolean.compare(!isZero(a.version()), !isZero(b.version()));
            }
            return order.compare(a.version(), b.version());
        };
    }

    private static boolean isZero(String version) {
        return "0".equals(version);
    }
}
