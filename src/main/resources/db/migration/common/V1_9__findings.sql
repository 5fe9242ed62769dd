-- Findings that last across assessments (first/last seen, open/resolved, priority and SLA per finding), the
-- staging table an assessment writes into before one set-based merge, and the proposed changes grouped from new
-- fix-available findings. Runs unchanged on PostgreSQL 15 and H2 2.x (both have MERGE INTO ... USING).

-- adv_finding keeps every finding ever seen; identity = (host, ecosystem, package, installed version, advisory).
-- assessment_id now names the assessment that saw the finding last.
ALTER TABLE adv_finding ADD COLUMN first_assessment_id BIGINT;
ALTER TABLE adv_finding ADD COLUMN first_seen TIMESTAMP WITH TIME ZONE;
ALTER TABLE adv_finding ADD COLUMN last_seen TIMESTAMP WITH TIME ZONE;
-- When the current open period began: the first sighting, or the assessment that saw a resolved finding again.
-- The SLA runs from opened_on.
ALTER TABLE adv_finding ADD COLUMN opened_assessment_id BIGINT;
ALTER TABLE adv_finding ADD COLUMN opened_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE adv_finding ADD COLUMN opened_on DATE;
-- The assessment in which the finding became fix-available while open (new with a fix, or a fix published for an
-- open NO_FIX finding): what proposed changes are grouped from.
ALTER TABLE adv_finding ADD COLUMN fix_assessment_id BIGINT;
ALTER TABLE adv_finding ADD COLUMN resolved_assessment_id BIGINT;
ALTER TABLE adv_finding ADD COLUMN resolved_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE adv_finding ADD COLUMN reason VARCHAR(2000);
ALTER TABLE adv_finding ADD COLUMN priority VARCHAR(4);
ALTER TABLE adv_finding ADD COLUMN sla_days INTEGER;
ALTER TABLE adv_finding ADD COLUMN sla_due DATE;
ALTER TABLE adv_finding ADD COLUMN policy_reason VARCHAR(500);
ALTER TABLE adv_finding ADD COLUMN in_kev BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE adv_finding ADD COLUMN kev_due DATE;

UPDATE adv_finding SET
    first_assessment_id = assessment_id,
    opened_assessment_id = assessment_id,
    first_seen = (SELECT a.started_at FROM adv_assessment a WHERE a.id = adv_finding.assessment_id),
    last_seen = (SELECT a.started_at FROM adv_assessment a WHERE a.id = adv_finding.assessment_id),
    opened_at = (SELECT a.started_at FROM adv_assessment a WHERE a.id = adv_finding.assessment_id),
    opened_on = (SELECT CAST(a.started_at AS DATE) FROM adv_assessment a WHERE a.id = adv_finding.assessment_id);

ALTER TABLE adv_finding ALTER COLUMN first_assessment_id SET NOT NULL;
ALTER TABLE adv_finding ALTER COLUMN first_seen SET NOT NULL;
ALTER TABLE adv_finding ALTER COLUMN last_seen SET NOT NULL;
ALTER TABLE adv_finding ALTER COLUMN opened_assessment_id SET NOT NULL;
ALTER TABLE adv_finding ALTER COLUMN opened_at SET NOT NULL;
ALTER TABLE adv_finding ALTER COLUMN opened_on SET NOT NULL;

-- The merge joins on the identity, which is the one index besides the key (it also serves the host filter). Every
-- further index cost PostgreSQL here about 15 s per million new findings, more than the whole merge; a filter by
-- advisory and the per-assessment grouping scan the table instead (a fraction of a second per million rows). With
-- no other index, the update of last_seen every assessment makes to each open finding can stay on its page (HOT).
DROP INDEX adv_finding_host_ix;
DROP INDEX adv_finding_status_ix;
DROP INDEX adv_finding_advisory_ix;
CREATE UNIQUE INDEX adv_finding_identity_ux
    ON adv_finding (host, ecosystem, package_name, installed_version, advisory_id);

ALTER TABLE adv_assessment ADD COLUMN completed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE adv_assessment ADD COLUMN new_findings INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE adv_assessment ADD COLUMN still_open INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE adv_assessment ADD COLUMN resolved INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE adv_assessment ADD COLUMN match_millis BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE adv_assessment ADD COLUMN priority_millis BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE adv_assessment ADD COLUMN write_millis BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE adv_assessment ADD COLUMN priority_policy VARCHAR(255);

-- One row, locked by each assessment: two assessments at once would each resolve what the other just saw.
CREATE TABLE adv_assessment_lock (
    id INTEGER PRIMARY KEY
);
INSERT INTO adv_assessment_lock (id) VALUES (1);

-- What one assessment matched, before the merge into adv_finding. Filled by COPY (PostgreSQL) or batched inserts
-- (H2) and emptied in the same transaction; no keys or indexes, so filling it costs only the write.
CREATE TABLE adv_finding_stage (
    assessment_id     BIGINT       NOT NULL,
    host              VARCHAR(255) NOT NULL,
    ecosystem         VARCHAR(100) NOT NULL,
    package_name      VARCHAR(255) NOT NULL,
    installed_version VARCHAR(255) NOT NULL,
    advisory_id       VARCHAR(255) NOT NULL,
    fixed_version     VARCHAR(255),
    status            VARCHAR(15)  NOT NULL,
    reason            VARCHAR(2000),
    priority          VARCHAR(4),
    sla_days          INTEGER,
    policy_reason     VARCHAR(500),
    in_kev            BOOLEAN      NOT NULL,
    kev_due           DATE
);

-- Proposed changes: new fix-available findings grouped by (ecosystem, package, fixed version). The hosts of a
-- proposal are those with open findings of the group, read from the findings; the proposal keeps the decision.
CREATE TABLE chg_proposal (
    id                   BIGINT       GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    ecosystem            VARCHAR(100) NOT NULL,
    package_name         VARCHAR(255) NOT NULL,
    fixed_version        VARCHAR(255) NOT NULL,
    state                VARCHAR(16)  NOT NULL,
    priority             VARCHAR(4),
    in_kev               BOOLEAN      NOT NULL,
    hosts                INTEGER      NOT NULL,
    auto_start           BOOLEAN      NOT NULL,
    policy_reason        VARCHAR(500),
    policy_version       VARCHAR(255),
    change_id            VARCHAR(32),
    first_assessment_id  BIGINT       NOT NULL,
    last_assessment_id   BIGINT       NOT NULL,
    decided_by           VARCHAR(128),
    dismiss_reason       VARCHAR(2000),
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT chg_proposal_state_ck CHECK (state IN ('WAITING', 'STARTED', 'DISMISSED'))
);
CREATE INDEX chg_proposal_group_ix ON chg_proposal (ecosystem, package_name, fixed_version);
CREATE INDEX chg_proposal_state_ix ON chg_proposal (state);

CREATE TABLE chg_proposal_advisory (
    proposal_id BIGINT       NOT NULL REFERENCES chg_proposal (id),
    advisory_id VARCHAR(255) NOT NULL,
    PRIMARY KEY (proposal_id, advisory_id)
);
