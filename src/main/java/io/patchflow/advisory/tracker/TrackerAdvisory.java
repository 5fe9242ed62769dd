package io.patchflow.advisory.tracker;

import io.patchflow.advisory.osv.OsvAdvisory;

/**
 * One (source package, issue) of the tracker as an advisory, with a hash of everything but its timestamps: an import
 * rewrites an advisory only when the hash changed.
 */
record TrackerAdvisory(OsvAdvisory advisory, String contentHash) {
}
