package io.patchflow.advisory.matching;

import io.patchflow.advisory.osv.OsvAffected;
import io.patchflow.advisory.osv.OsvEvent;
import io.patchflow.advisory.osv.OsvRange;
import io.patchflow.advisory.version.VersionComparator;
import io.patchflow.advisory.version.VersionComparators;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a version is affected, following the evaluation the OSV schema specifies: a version is affected
 * when it is listed in {@code versions}, or when some ECOSYSTEM/SEMVER range, its events sorted by version
 * ("0" first), leaves it affected after walking them (introduced opens, fixed closes at, last_affected closes after)
 * and it is below one of the range's limits, if any. GIT ranges name commits, not versions, and are not evaluated.
 */
public final class RangeEvaluator {

    private RangeEvaluator() {
    }

    /** The outcome for one installed version: affected or not, and the lowest fixed version above it. */
    public record Verdict(boolean affected, String fixedVersion) {
        static final Verdict NOT_AFFECTED = new Verdict(false, null);
    }

    public static Verdict evaluate(String version, OsvAffected affected) {
        VersionComparator ecosystemOrder = VersionComparators.forEcosystem(affected.ecosystem());
        List<OsvRange> affecting = new ArrayList<>();
        for (OsvRange range : affected.ranges()) {
            VersionComparator order = comparatorFor(range, ecosystemOrder);
            if (order != null && inRange(version, range, order)) {
                affecting.add(range);
            }
        }
        boolean listed = affected.versions().contains(version);
        if (affecting.isEmpty() && !listed) {
            return Verdict.NOT_AFFECTED;
        }
        // listed versions have no range of their own: any fixed version above them will do
        List<OsvRange> fixSources = affecting.isEmpty() ? affected.ranges() : affecting;
        return new Verdict(true, lowestFixedAbove(version, fixSources, ecosystemOrder).orElse(null));
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

    private static Optional<String> lowestFixedAbove(String version, List<OsvRange> ranges,
            VersionComparator ecosystemOrder) {
        String lowest = null;
        VersionComparator lowestOrder = ecosystemOrder;
        for (OsvRange range : ranges) {
            VersionComparator order = comparatorFor(range, ecosystemOrder);
            if (order == null) {
                continue;
            }
            for (OsvEvent event : range.events()) {
                if (OsvEvent.FIXED.equals(event.type()) && order.compare(event.version(), version) > 0
                        && (lowest == null || lowestOrder.compare(event.version(), lowest) < 0)) {
                    lowest = event.version();
                    lowestOrder = order;
                }
            }
        }
        return Optional.ofNullable(lowest);
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
