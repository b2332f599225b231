-- Workflow runs. A run is the execution tree rooted at run_id (the root execution's id); this row
-- records where the run is: the workflow version it runs (its canonical manifest document, so a
-- later deploy or delete never changes a run in flight), the current state and status, the agent
-- step's child execution while one runs, and the time limit of a human-input wait. The owner is
-- kept whole (kind, subject, tier or role) because advancing a run in the background acts as them.
-- revision grows by one with every change; an update names the revision it was computed from, so
-- when instances race to advance a run exactly one wins.
CREATE TABLE workflow_run (
    run_id            TEXT        NOT NULL PRIMARY KEY,
    tenant_id         TEXT        NOT NULL,
    owner_kind        TEXT        NOT NULL CHECK (owner_kind IN ('zaru_user', 'operator')),
    owner_subject     TEXT        NOT NULL CHECK (owner_subject <> ''),
    owner_grade       TEXT        NOT NULL CHECK (owner_grade <> ''),
    conversation_id   TEXT        NOT NULL,
    workflow_name     TEXT        NOT NULL,
    workflow_version  TEXT        NOT NULL,
    workflow_document TEXT        NOT NULL,
    data              TEXT        NOT NULL,
    current_state     TEXT        NOT NULL,
    status            TEXT        NOT NULL CHECK (status IN ('running', 'waiting', 'succeeded', 'failed', 'cancelled')),
    step_execution_id TEXT,
    waiting_until     TIMESTAMPTZ,
    revision          BIGINT      NOT NULL CHECK (revision >= 0),
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    CHECK (waiting_until IS NULL OR status = 'waiting'),
    CHECK (updated_at >= created_at)
);
-- The sweep: unfinished runs, least recently changed first.
CREATE INDEX workflow_run_unfinished ON workflow_run (updated_at) WHERE status IN ('running', 'waiting');
-- Which run a step execution belongs to.
CREATE INDEX workflow_run_step ON workflow_run (tenant_id, step_execution_id) WHERE step_execution_id IS NOT NULL;

-- A run's own plain-English sentences ("Moved from 'draft' to 'review'."), in order. Appended in the
-- transaction that changes the run row, which holds that row's lock, so positions never collide.
CREATE TABLE workflow_run_event (
    tenant_id TEXT        NOT NULL,
    run_id    TEXT        NOT NULL REFERENCES workflow_run (run_id) ON DELETE CASCADE,
    position  INTEGER     NOT NULL CHECK (position >= 0),
    at        TIMESTAMPTZ NOT NULL,
    sentence  TEXT        NOT NULL CHECK (sentence <> ''),
    PRIMARY KEY (run_id, position)
);

DO $$
DECLARE
    tenant_table TEXT;
BEGIN
    FOREACH tenant_table IN ARRAY ARRAY['workflow_run', 'workflow_run_event'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (aegis_tenant_visible(tenant_id)) '
                       'WITH CHECK (aegis_tenant_visible(tenant_id))', tenant_table);
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aegis_app') THEN
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO aegis_app', tenant_table);
        END IF;
    END LOOP;
END
$$;
