package io.patchflow.audit.console;

import io.patchflow.audit.AuditEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Separation of duties as the console shows it: each rule re-checked against who actually requested, tested and
 * voted (the engine enforces the rules; this shows an auditor they held), plus the attempts the engine refused.
 */
final class SeparationChecks {

    private SeparationChecks() {
    }

    static Map<String, Object> of(String requester, List<Map<String, Object>> participants,
            List<Map<String, Object>> votes, List<AuditEntry> decisions) {
        Set<String> testers = participants.stream().filter(p -> "tester".equals(p.get("role")))
                .map(p -> (String) p.get("user")).collect(Collectors.toCollection(TreeSet::new));
        Set<String> approvers = votes.stream().map(v -> (String) v.get("voter"))
                .collect(Collectors.toCollection(TreeSet::new));
        List<Map<String, Object>> checks = new ArrayList<>();
        checks.add(check("The requester did not test", !testers.contains(requester),
                "requester " + requester + "; testers " + testers));
        checks.add(check("The requester did not approve", !approvers.contains(requester),
                "requester " + requester + "; approvers " + approvers));
        Set<String> testerApprovers = new TreeSet<>(testers);
        testerApprovers.retainAll(approvers);
        checks.add(check("No tester approved", testerApprovers.isEmpty(),
                "testers " + testers + "; approvers " + approvers));
        long distinctVotes = votes.stream().map(v -> v.get("stage") + "/" + v.get("voter")).distinct().count();
        checks.add(check("Nobody voted twice", distinctVotes == votes.size(), votes.size() + " vote(s) by "
                + approvers.size() + " person(s)"));
        List<Map<String, Object>> refused = decisions.stream().filter(d -> d.kind().equals("sod.violation"))
                .map(d -> Map.<String, Object>of("actor", d.actor(), "at", d.at().toString(), "summary",
                        String.valueOf(d.summary())))
                .toList();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("checks", checks);
        result.put("held", checks.stream().allMatch(c -> Boolean.TRUE.equals(c.get("passed"))));
        result.put("refusedAttempts", refused);
        return result;
    }

    private static Map<String, Object> check(String rule, boolean passed, String evidence) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("rule", rule);
        check.put("passed", passed);
        check.put("evidence", evidence);
        return check;
    }
}
