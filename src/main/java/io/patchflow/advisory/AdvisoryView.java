package io.patchflow.advisory;

import java.math.BigDecimal;
import java.util.List;

/** An advisory in brief, with the severity figures Patchflow computed or loaded for it. */
public record AdvisoryView(String id, List<String> aliases, String summary, List<String> ecosystems,
        BigDecimal cvssScore, String cvssVector, boolean withdrawn) {
}
