package io.patchflow.inventory.imports.formats;

import io.patchflow.inventory.InventoryTooLargeException;
import io.patchflow.inventory.PackageInput;
import io.patchflow.inventory.imports.HostInputValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The packages of one host as a file lists them, each checked with the import's rules as soon as it is read, so a
 * mistake is named by its line or element rather than by its position in the final list.
 */
final class PackageList {

    private final List<PackageInput> packages = new ArrayList<>();
    private final String os;
    private final int max;

    PackageList(String os, int max) {
        this.os = os;
        this.max = max;
    }

    /** Adds a package read at {@code where}; {@code field} names one of its attributes there. */
    void add(PackageInput pkg, String where, UnaryOperator<String> field) {
        HostInputValidator.pkg(pkg, os, field);
        if (packages.size() == max) {
            throw new InventoryTooLargeException(where, "more than " + max + " packages for one host "
                    + "(patchflow.inventory.max-packages-per-host)");
        }
        packages.add(pkg);
    }

    List<PackageInput> packages() {
        return packages;
    }

    static UnaryOperator<String> atLine(int line) {
        return attribute -> "line " + line + ": " + attribute;
    }
}
