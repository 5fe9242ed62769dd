package io.patchflow.advisory.scan.parse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Gathers the fields of one finding while a parser walks a scanner's element; cleans text as it goes. */
final class FindingBuilder {

    private String host;
    private String target;
    private String ecosystem;
    private String packageName;
    private String purl;
    private String installedVersion;
    private String fixedVersion;
    private String vulnerabilityId;
    private final List<String> aliases = new ArrayList<>();
    private String severity;
    private BigDecimal cvssScore;
    private String title;
    private String status;
    private boolean suppressed;
    private String suppression;

    FindingBuilder host(String value) {
        host = Text.clean(value);
        return this;
    }

    FindingBuilder target(String value) {
        target = Text.clean(value);
        return this;
    }

    FindingBuilder ecosystem(String value) {
        ecosystem = Text.clean(value);
        return this;
    }

    FindingBuilder packageName(String value) {
        packageName = Text.clean(value);
        return this;
    }

    FindingBuilder purl(String value) {
        purl = Text.clean(value);
        return this;
    }

    FindingBuilder installedVersion(String value) {
        installedVersion = Text.clean(value);
        return this;
    }

    FindingBuilder fixedVersion(String value) {
        fixedVersion = Text.clean(value);
        return this;
    }

    FindingBuilder vulnerabilityId(String value) {
        vulnerabilityId = Text.clean(value);
        return this;
    }

    FindingBuilder alias(String value) {
        String clean = Text.clean(value);
        if (clean != null) {
            aliases.add(clean);
        }
        return this;
    }

    FindingBuilder severity(String value) {
        severity = Severities.normalize(value);
        return this;
    }

    FindingBuilder cvssScore(BigDecimal value) {
        cvssScore = Severities.score(value);
        return this;
    }

    FindingBuilder title(String value) {
        title = Text.clean(value);
        return this;
    }

    FindingBuilder status(String value) {
        status = Text.clean(value);
        return this;
    }

    FindingBuilder suppressed(String reason) {
        suppressed = true;
        suppression = Text.clean(reason);
        return this;
    }

    String host() {
        return host;
    }

    String vulnerabilityId() {
        return vulnerabilityId;
    }

    ScannedFinding build() {
        return new ScannedFinding(host, target, ecosystem, packageName, purl, installedVersion, fixedVersion,
                vulnerabilityId, aliases, severity, cvssScore, title, status, suppressed, suppression);
    }
}
