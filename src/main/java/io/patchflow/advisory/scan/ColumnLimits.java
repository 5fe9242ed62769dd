package io.patchflow.advisory.scan;

import io.patchflow.advisory.scan.parse.ScannedFinding;
import io.patchflow.shared.BadInputException;
import java.util.Collection;

/**
 * Refuses a report whose values do not fit the columns of {@code V1_7__scan.sql}, naming the value, before
 * anything is written: the database would otherwise fail halfway with an error nobody can act on. Free text
 * (titles, targets, purls, suppression reasons) is stored as TEXT and has no limit here.
 */
final class ColumnLimits {

    static final int HOST = 1000;
    static final int PACKAGE = 1000;
    static final int ECOSYSTEM = 100;
    static final int VERSION = 500;
    static final int ID = 255;
    static final int STATUS = 100;

    private ColumnLimits() {
    }

    static void check(Collection<String> hosts, Collection<ScannedFinding> findings) {
        hosts.forEach(host -> fits("host", host, HOST, "Host '" + abbreviate(host) + "'"));
        for (ScannedFinding f : findings) {
            String which = "The finding of " + abbreviate(f.vulnerabilityId()) + " on " + abbreviate(f.host());
            fits("host", f.host(), HOST, which);
            fits("vulnerability", f.vulnerabilityId(), ID, which);
            fits("package", f.packageName(), PACKAGE, which);
            fits("ecosystem", f.ecosystem(), ECOSYSTEM, which);
            fits("installedVersion", f.installedVersion(), VERSION, which);
            fits("fixedVersion", f.fixedVersion(), VERSION, which);
            fits("status", f.status(), STATUS, which);
            f.aliases().forEach(alias -> fits("aliases", alias, ID, which));
        }
    }

    /** The scanner's name is metadata, not evidence: shortened rather than refused. */
    static String scanner(String scanner) {
        return scanner == null || scanner.length() <= ID ? scanner : scanner.substring(0, ID);
    }

    private static void fits(String field, String value, int max, String which) {
        if (value != null && value.length() > max) {
            throw new BadInputException(field, which + " has a " + field + " of " + value.length()
                    + " characters; at most " + max + " are stored. Nothing was imported.");
        }
    }

    private static String abbreviate(String value) {
        return value == null || value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
