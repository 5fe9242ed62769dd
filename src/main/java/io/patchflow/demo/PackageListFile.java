package io.patchflow.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a demo package list: UTF-8 text, one package per line as five tab-separated, non-empty columns
 * {@code name version source sourceVersion arch}; lines starting with {@code #} and blank lines are comments.
 * A malformed line fails loudly with file and line number, because silently skipping it would quietly change which
 * advisories match the demo fleet.
 */
final class PackageListFile {

    private static final int COLUMNS = 5;

    private PackageListFile() {
    }

    /** Reads a package list from the classpath. */
    static List<DemoPackage> read(String resource) {
        InputStream in = PackageListFile.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("demo package list " + resource + " is missing from the classpath");
        }
        return read(in, resource);
    }

    static List<DemoPackage> read(InputStream in, String description) {
        List<DemoPackage> packages = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (!line.isBlank() && !line.startsWith("#")) {
                    packages.add(parse(line, description + ":" + lineNumber));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo package list " + description, e);
        }
        return List.copyOf(packages);
    }

    private static DemoPackage parse(String line, String where) {
        String[] columns = line.split("\t", -1);
        if (columns.length != COLUMNS) {
            throw new IllegalStateException(where + ": expected " + COLUMNS
                    + " tab-separated columns (name, version, source, sourceVersion, arch), found " + columns.length);
        }
        for (String column : columns) {
            if (column.isBlank() || !column.equals(column.strip())) {
                throw new IllegalStateException(where + ": empty column or stray white space in '" + line + "'");
            }
        }
        return new DemoPackage(columns[0], columns[1], columns[2], columns[3], columns[4]);
    }
}
