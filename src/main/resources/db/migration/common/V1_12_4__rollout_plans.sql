-- Issue 4: rollout plans per environment or host group, and rollback as compensation.
-- dep_ring.plan: which plan a ring belongs to ('default' for the stage's plan).
-- dep_host.rollback_attempted: the host's rollback ran (succeeded or not), so the compensation of the next older
-- batch does not pick the same host again when its rollback failed.
ALTER TABLE dep_ring ADD COLUMN plan VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE dep_host ADD COLUMN rollback_attempted BOOLEAN DEFAULT FALSE NOT NULL;
