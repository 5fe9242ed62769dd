package io.patchflow.advisory.version;

import java.util.Comparator;

/** Orders the version strings of one ecosystem the way that ecosystem's package manager does. */
public interface VersionComparator extends Comparator<String> {

    /** The name of the algorithm (dpkg, rpm, ...), for messages and sources. */
    String name();
}
