package io.patchflow.advisory.assessment;

import io.patchflow.advisory.Finding;
import io.patchflow.advisory.PriorityPolicy;

/** One matched finding with its policy decision and its advisory's risk: one row of the staging table. */
record StageRow(Finding finding, PriorityPolicy.Decision decision, AdvisoryRisk risk) {
}
