package io.patchflow.demo;

import java.util.List;

/**
 * One host of the simulated demo fleet, in the shape of the inventory API's {@code Host}: {@code os} is the OSV
 * ecosystem with release ({@code Debian:12}, {@code Ubuntu:22.04}, {@code Red Hat:9}), {@code criticality} one of
 * low, medium, high, critical.
 */
public record DemoHost(String name, String os, String environment, List<String> groups, String criticality,
        boolean internetFacing, List<DemoPackage> packages) {

    public DemoHost {
        groups = List.copyOf(groups);
        packages = List.copyOf(packages);
    }
}
