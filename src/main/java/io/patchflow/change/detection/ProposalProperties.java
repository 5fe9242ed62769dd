package io.patchflow.change.detection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code patchflow.proposals.enabled} (default true): whether assessments make proposed changes. Off, assessments
 * still keep findings, priorities and SLAs; useful to measure the assessment alone, or where changes are raised
 * only by hand.
 */
@ConfigurationProperties("patchflow.proposals")
record ProposalProperties(@DefaultValue("true") boolean enabled) {
}
