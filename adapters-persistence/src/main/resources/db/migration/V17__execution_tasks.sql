-- What an execution was asked to do, written once in the transaction that creates the execution and
-- read by the node that claims it. Kept beside `execution` rather than in it: the task can be large
-- (up to 200,000 characters of instructions, code and expected output) and never changes, while
-- execution rows are updated at every status change.
CREATE TABLE execution_task (
    tenant_id          TEXT    NOT NULL,
    execution_id       TEXT    NOT NULL,
    instructions       TEXT    NOT NULL CHECK (instructions <> ''),
    code               TEXT,
    runtime            TEXT,
    expected_output    TEXT,
    expected_exit_code INTEGER CHECK (expected_exit_code BETWEEN 0 AND 255),
    agent              TEXT,
    PRIMARY KEY (tenant_id, execution_id),
    CONSTRAINT execution_task_execution_fk FOREIGN KEY (tenant_id, execution_id)
        REFERENCES execution (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT execution_task_code_runtime CHECK (code IS NULL OR runtime IS NOT NULL)
);

ALTER TABLE execution_task ENABLE ROW LEVEL SECURITY;
ALTER TABLE execution_task FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON execution_task
    USING (aegis_tenant_visible(tenant_id)) WITH CHECK (aegis_tenant_visible(tenant_id));

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aegis_app') THEN
        EXECUTE 'GRANT SELECT, INSERT, DELETE ON execution_task TO aegis_app';
    END IF;
END
$$;
