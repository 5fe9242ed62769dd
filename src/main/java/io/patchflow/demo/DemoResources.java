package io.patchflow.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Where the demo data lives on the classpath. */
public final class DemoResources {

    /** Package lists: {@code <os>.tsv} (base image), {@code <os>/<group>.tsv} (role), {@code <os>/updates.tsv}. */
    public static final String PACKAGES = "demo/packages/";
    /** Sample advisories, one OSV record per file. */
    public static final String ADVISORIES = "demo/advisories/";
    /** The CISA KEV catalog entries of the sample advisories' CVEs, in the catalog's own JSON format. */
    public static final String KEV_SAMPLE = "demo/kev-sample.json";
    /** EPSS scores of the sample advisories' CVEs, in the CSV format FIRST publishes. */
    public static final String EPSS_SAMPLE = "demo/epss-sample.csv";

    private DemoResources() {
    }

    /** The sample advisory files, in path order so that imports are repeatable. */
    public static List<Resource> advisoryFiles() {
        return find("classpath*:" + ADVISORIES + "*.json");
    }

    private static List<Resource> find(String pattern) {
        try {
            Resource[] found = new PathMatchingResourcePatternResolver(DemoResources.class.getClassLoader())
                    .getResources(pattern);
            return Arrays.stream(found)
                    .sorted(Comparator.comparing(Resource::getDescription))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + pattern, e);
        }
    }
}
