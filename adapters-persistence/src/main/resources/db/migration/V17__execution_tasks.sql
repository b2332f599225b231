-- What an execution was asked to do, and what it produced.
--
-- The task: written once in the transaction that creates the execution and
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
    input              TEXT,
    PRIMARY KEY (tenant_id, execution_id),
    CONSTRAINT execution_task_execution_fk FOREIGN KEY (tenant_id, execution_id)
        REFERENCES execution (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT execution_task_code_runtime CHECK (code IS NULL OR runtime IS NOT NULL)
);

-- What an execution's last run produced, reported by its node when it ended; written once.
CREATE TABLE execution_output (
    tenant_id    TEXT    NOT NULL,
    execution_id TEXT    NOT NULL,
    stdout       TEXT    NOT NULL CHECK (length(stdout) <= 65536),
    stderr       TEXT    NOT NULL CHECK (length(stderr) <= 8192),
    exit_code    INTEGER NOT NULL,
    truncated    BOOLEAN NOT NULL,
    files        TEXT[]  NOT NULL CHECK (cardinality(files) <= 200),
    texts        JSONB   NOT NULL DEFAULT '{}',  -- contents of the small text files among them, by name
    PRIMARY KEY (tenant_id, execution_id),
    CONSTRAINT execution_output_execution_fk FOREIGN KEY (tenant_id, execution_id)
        REFERENCES execution (tenant_id, id) ON DELETE CASCADE
);

DO $$
DECLARE
    tenant_table TEXT;
BEGIN
    FOREACH tenant_table IN ARRAY ARRAY['execution_task', 'execution_output'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (aegis_tenant_visible(tenant_id)) '
                       'WITH CHECK (aegis_tenant_visible(tenant_id))', tenant_table);
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aegis_app') THEN
            EXECUTE format('GRANT SELECT, INSERT, DELETE ON %I TO aegis_app', tenant_table);
        END IF;
    END LOOP;
END
$$;
