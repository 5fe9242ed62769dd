package io.patchflow.inventory.imports;

import io.patchflow.inventory.HostAttributes;
import java.util.List;

/**
 * The query parameters that describe the host of a single-host format ({@code ?host=web-1&os=Debian:12&...}) and
 * fill empty host cells of a CSV. {@code groups} may be repeated or comma-separated.
 */
record HostParameters(String host, String os, String environment, List<String> groups, String criticality,
        Boolean internetFacing) {

    HostAttributes attributes() {
        return new HostAttributes(host, os, environment, groups, criticality, internetFacing);
    }
}
