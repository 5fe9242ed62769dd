/**
 * The OSV model and its reading (object, array, directory, zip), usable without Spring or a database: a named
 * interface of the advisory module, so the offline CLI can read advisories with exactly the import's rules
 * ({@link io.patchflow.advisory.osv.OfflineOsv}).
 */
@org.springframework.modulith.NamedInterface("osv")
package io.patchflow.advisory.osv;
