package io.patchflow.advisory.feeds;

/** The feeds Patchflow loads, by the name used in URLs, configuration ({@code patchflow.feeds.<name>}) and records. */
public enum Feed {
    OSV("osv", "OSV advisories"),
    DEBIAN_TRACKER("debian-tracker", "Debian security tracker"),
    KEV("kev", "CISA Known Exploited Vulnerabilities"),
    EPSS("epss", "FIRST EPSS scores");

    private final String key;
    private final String title;

    Feed(String key, String title) {
        this.key = key;
        this.title = title;
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }
}
