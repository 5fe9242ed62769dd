package io.patchflow.advisory;

import java.time.LocalDate;
import java.util.List;

/**
 * Fix-available findings grouped the way a patch is applied: one group per (ecosystem, package, fixed version).
 * For Debian and Ubuntu the package is the source package, as in the findings.
 */
public interface FixGroups {

    /**
     * The groups with findings that became fix-available in the given assessment (new, reopened, or newly fixed),
     * each as it stands now over all its open findings (every host that still needs the fix); {@code newHosts}
     * counts the hosts of the assessment's new findings.
     */
    List<FixGroup> newIn(long assessmentId);

    /** The hosts with open findings of the group, in name order. */
    List<String> hosts(String ecosystem, String packageName, String fixedVersion);

    /**
     * A group: how many hosts (of which new) and findings, the advisories, the most urgent priority and earliest
     * SLA due date of its findings, and whether any advisory is in CISA KEV.
     */
    record FixGroup(String ecosystem, String packageName, String fixedVersion, int hosts, int newHosts,
            int findings, List<String> advisories, String priority, LocalDate slaDue, boolean inKev) {
    }
}
