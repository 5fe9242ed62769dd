package io.patchflow.inventory;

import java.util.List;

/** A host as other modules see it. {@code os} is an ecosystem name with release, e.g. {@code Debian:12}. */
public record HostView(String name, String os, String environment, List<String> groups, String criticality,
        boolean internetFacing) {
}
