-- PostgreSQL only. The staging table is refilled by every assessment and emptied before commit: no WAL for it.
ALTER TABLE adv_finding_stage SET UNLOGGED;
-- Room on each page for the new row version every assessment writes per open finding (last_seen), so that the
-- update stays on the page and needs no index entry (HOT).
ALTER TABLE adv_finding SET (fillfactor = 70);
-- The assessment a finding was last seen in is kept for reference only; checking the key for each of a million
-- merged rows costs more than the whole insert (H2 keeps the check: there it is cheap).
ALTER TABLE adv_finding DROP CONSTRAINT adv_finding_assessment_id_fkey;
