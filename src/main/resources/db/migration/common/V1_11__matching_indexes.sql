-- Fleet matching joins the vulnerable (ecosystem, name, version) tuples back to their hosts: with the version (and
-- the host) in the index, each tuple finds exactly its rows, and PostgreSQL can answer from the index alone. These
-- replace the (ecosystem, name) and (ecosystem, source_name) indexes of V1_1, whose columns they start with, so an
-- inventory import keeps the same number of indexes to maintain.
-- Runs unchanged on PostgreSQL 15 and H2 2.x.

CREATE INDEX inv_package_binary_tuple_ix ON inv_package (ecosystem, name, version, host_id);
CREATE INDEX inv_package_source_tuple_ix ON inv_package (ecosystem, source_name, source_version, host_id);
DROP INDEX IF EXISTS inv_package_ecosystem_name_ix;
DROP INDEX IF EXISTS inv_package_ecosystem_source_ix;
