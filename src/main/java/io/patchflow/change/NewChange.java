package io.patchflow.change;

import io.patchflow.shared.BadInputException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A request to patch: which advisories, optionally limited to some hosts. {@code patchKind} is security (default),
 * bugfix or feature; {@code vendorTrusted} says whether the packages come from a trusted vendor repository.
 */
public record NewChange(String title, List<String> advisories, List<String> hosts, String requestedBy,
        String patchKind, boolean rebootRequired, boolean vendorTrusted) {

    public static final Set<String> PATCH_KINDS = Set.of("security", "bugfix", "feature");

    public NewChange {
        if (title == null || title.isBlank()) {
            throw new BadInputException("title", "title is required: say what the change patches");
        }
        if (title.length() > 500) {
            throw new BadInputException("title", "title must be at most 500 characters");
        }
        if (advisories == null || advisories.isEmpty()) {
            throw new BadInputException("advisories", "advisories must name at least one advisory id");
        }
        for (int i = 0; i < advisories.size(); i++) {
            String id = advisories.get(i);
            if (id == null || id.isBlank() || id.length() > 128) {
                throw new BadInputException("advisories[" + i + "]", "advisory ids must be 1 to 128 characters");
            }
        }
        hosts = hosts == null ? List.of() : hosts;
        for (int i = 0; i < hosts.size(); i++) {
            if (hosts.get(i) == null || hosts.get(i).isBlank()) {
                throw new BadInputException("hosts[" + i + "]", "host names must not be empty");
            }
        }
        if (requestedBy == null || requestedBy.isBlank()) {
            throw new BadInputException("requestedBy", "requestedBy is required");
        }
        patchKind = patchKind == null ? "security" : patchKind;
        if (!PATCH_KINDS.contains(patchKind)) {
            throw new BadInputException("patchKind", "patchKind must be one of security, bugfix, feature");
        }
        advisories = List.copyOf(new LinkedHashSet<>(advisories.stream().map(String::trim).toList()));
        hosts = List.copyOf(new LinkedHashSet<>(hosts.stream().map(String::trim).toList()));
    }
}
