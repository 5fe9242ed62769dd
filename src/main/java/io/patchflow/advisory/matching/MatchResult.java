package io.patchflow.advisory.matching;

import io.patchflow.advisory.Finding;
import java.util.List;

/** Findings of one match, with how many hosts and packages (of the advisories' ecosystems) were examined. */
public record MatchResult(List<Finding> findings, int hosts, int packages) {
}
