-- Cascade speed: make a status change a HOT update.
--
-- PostgreSQL can update a row in place on its page (a HOT update: no new entry in any index) only
-- when no indexed column changes, counting the columns in a partial index's predicate, and when the
-- page has room for the new version. Four partial indexes named `status` in their predicate
-- (execution_one_active_root, execution_active_deadline, execution_active_by_owner and V13's
-- execution_pending_by_age), so every status change wrote a new entry into all eleven indexes of
-- `execution`: a cascade of 10,000 made over 100,000 index insertions.
--
-- The facts those indexes answered now live beside `execution`, kept by statement-level triggers on
-- it so they can never disagree with it: `execution_active` lists the active executions (owner,
-- conversation, whether a root, deadline) and `execution_pending` the Pending ones, which nodes
-- claim oldest first (the claim locks that row). A row is inserted with its execution and deleted
-- when the execution leaves that state; deleting touches no index (dead entries are vacuumed
-- later), so a cascade now costs one HOT update and one or two deletes per member. `execution`
-- keeps free space on each page (fillfactor 50) so the new version of every row fits beside the
-- old one.
CREATE TABLE execution_active (
    tenant_id       TEXT        NOT NULL,
    id              TEXT        NOT NULL,
    owner_subject   TEXT        NOT NULL,
    conversation_id TEXT        NOT NULL,
    is_root         BOOLEAN     NOT NULL,
    deadline        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, id) REFERENCES execution (tenant_id, id) ON DELETE CASCADE
);

DROP INDEX execution_pending_by_age;
CREATE TABLE execution_pending (
    tenant_id  TEXT        NOT NULL,
    id         TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, id) REFERENCES execution (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX execution_pending_by_age ON execution_pending (created_at, id);

DROP INDEX execution_one_active_root;
DROP INDEX execution_active_deadline;
DROP INDEX execution_active_by_owner;
-- Rows never change here (insert, then delete), so partial indexes cost nothing extra.
CREATE UNIQUE INDEX execution_one_active_root ON execution_active (tenant_id, conversation_id) WHERE is_root;
CREATE INDEX execution_active_by_owner ON execution_active (tenant_id, owner_subject);
CREATE INDEX execution_active_deadline ON execution_active (deadline);

INSERT INTO execution_active (tenant_id, id, owner_subject, conversation_id, is_root, deadline)
SELECT tenant_id, id, owner_subject, conversation_id, parent_id IS NULL, deadline
FROM execution WHERE status IN ('PENDING', 'RUNNING');
INSERT INTO execution_pending (tenant_id, id, created_at)
SELECT tenant_id, id, created_at FROM execution WHERE status = 'PENDING';

CREATE FUNCTION execution_active_on_insert() RETURNS trigger AS $$
BEGIN
    INSERT INTO execution_active (tenant_id, id, owner_subject, conversation_id, is_root, deadline)
    SELECT tenant_id, id, owner_subject, conversation_id, parent_id IS NULL, deadline
    FROM inserted WHERE status IN ('PENDING', 'RUNNING');
    INSERT INTO execution_pending (tenant_id, id, created_at)
    SELECT tenant_id, id, created_at FROM inserted WHERE status = 'PENDING';
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- The guard triggers of V3/V9 allow no move back to Pending or out of a final status, so only
-- deletions are needed on update.
CREATE FUNCTION execution_active_on_update() RETURNS trigger AS $$
BEGIN
    DELETE FROM execution_active a USING updated u
    WHERE a.tenant_id = u.tenant_id AND a.id = u.id AND u.status NOT IN ('PENDING', 'RUNNING');
    DELETE FROM execution_pending p USING updated u
    WHERE p.tenant_id = u.tenant_id AND p.id = u.id AND u.status <> 'PENDING';
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER execution_active_insert AFTER INSERT ON execution
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION execution_active_on_insert();
CREATE TRIGGER execution_active_update AFTER UPDATE ON execution
    REFERENCING NEW TABLE AS updated FOR EACH STATEMENT EXECUTE FUNCTION execution_active_on_update();

ALTER TABLE execution SET (fillfactor = 50);

DO $$
DECLARE
    tenant_table TEXT;
BEGIN
    FOREACH tenant_table IN ARRAY ARRAY['execution_active', 'execution_pending'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (aegis_tenant_visible(tenant_id)) '
                       'WITH CHECK (aegis_tenant_visible(tenant_id))', tenant_table);
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aegis_app') THEN
            -- UPDATE only for the claim's row lock (SELECT … FOR UPDATE); rows are never changed.
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO aegis_app', tenant_table);
        END IF;
    END LOOP;
END
$$;
