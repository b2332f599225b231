-- Cascade speed: a status change writes a narrow row.
--
-- Every status change writes a new version of the whole `execution` row, and about 1 KB of each
-- row was its security context (JSONB, below PostgreSQL's 2 KB TOAST threshold, so kept inline): a
-- cascade of 10,000 copied 10 MB of contexts that never change, into the heap and the WAL. The
-- context never changes after creation (the AE003 guard) and a swarm's members mostly share their
-- root's, so contexts now live once per tenant and content in `execution_context`, keyed by the
-- SHA-256 of their JSONB text, and an execution names its context by that digest. A row of
-- `execution` shrinks from ~1.1 KB to ~200 bytes (rows stored before this migration at their next
-- change, or at a VACUUM FULL).
--
-- The digest is computed by PostgreSQL from the JSONB text (which is canonical: JSONB sorts keys
-- and drops duplicates), both here and by the adapter's inserts, and the CHECK holds every row to
-- it, so one context is one row and a row cannot name content it does not hold.
CREATE TABLE execution_context (
    tenant_id TEXT  NOT NULL,
    digest    BYTEA NOT NULL,
    context   JSONB NOT NULL,
    PRIMARY KEY (tenant_id, digest),
    CONSTRAINT execution_context_digest CHECK (digest = sha256(convert_to(context::text, 'UTF8')))
);

ALTER TABLE execution_context ENABLE ROW LEVEL SECURITY;
ALTER TABLE execution_context FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON execution_context
    USING (aegis_tenant_visible(tenant_id)) WITH CHECK (aegis_tenant_visible(tenant_id));

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aegis_app') THEN
        -- Never UPDATE: a context row is immutable; DELETE only for contexts no execution names any more.
        EXECUTE 'GRANT SELECT, INSERT, DELETE ON execution_context TO aegis_app';
    END IF;
END
$$;

-- Existing rows, whichever tenant they belong to (the migration is not a tenant's session).
SELECT set_config('aegis.bypass', 'on', true);

INSERT INTO execution_context (tenant_id, digest, context)
SELECT DISTINCT tenant_id, sha256(convert_to(security_context::text, 'UTF8')), security_context FROM execution;

ALTER TABLE execution ADD COLUMN context_digest BYTEA;
-- The guard refuses every update of an ended execution, and the side-table trigger would scan the
-- whole table; this update only fills the new column, so both stand aside for it.
ALTER TABLE execution DISABLE TRIGGER execution_guard;
ALTER TABLE execution DISABLE TRIGGER execution_active_update;
UPDATE execution SET context_digest = sha256(convert_to(security_context::text, 'UTF8'));
ALTER TABLE execution ENABLE TRIGGER execution_guard;
ALTER TABLE execution ENABLE TRIGGER execution_active_update;
ALTER TABLE execution ALTER COLUMN context_digest SET NOT NULL;
ALTER TABLE execution ADD CONSTRAINT execution_context_fk FOREIGN KEY (tenant_id, context_digest)
    REFERENCES execution_context (tenant_id, digest);
-- Serves the key's check when a context is deleted, and the search for contexts no execution names.
CREATE INDEX execution_by_context ON execution (tenant_id, context_digest);

-- The creation guard watched security_context; it now watches the digest that replaces it.
DROP TRIGGER execution_guard_creation ON execution;
ALTER TABLE execution DROP COLUMN security_context;

CREATE OR REPLACE FUNCTION execution_guard_update() RETURNS trigger AS $$
BEGIN
    IF OLD.status IN ('COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT') THEN
        RAISE EXCEPTION 'execution % is %, which is final: nothing about it can change', OLD.id, OLD.status
            USING ERRCODE = 'AE001';
    END IF;
    IF NEW.status <> OLD.status AND NOT (
            (OLD.status = 'PENDING' AND NEW.status IN ('RUNNING', 'FAILED', 'CANCELLED', 'TIMED_OUT'))
            OR (OLD.status = 'RUNNING' AND NEW.status IN ('COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'))) THEN
        RAISE EXCEPTION 'execution % cannot go from % to %', OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'AE002';
    END IF;
    IF NEW.tenant_id <> OLD.tenant_id OR NEW.id <> OLD.id OR NEW.conversation_id <> OLD.conversation_id
            OR NEW.owner_subject <> OLD.owner_subject OR NEW.parent_id IS DISTINCT FROM OLD.parent_id
            OR NEW.root_id <> OLD.root_id OR NEW.depth <> OLD.depth
            OR NEW.context_digest <> OLD.context_digest OR NEW.deadline <> OLD.deadline
            OR NEW.memory_bytes <> OLD.memory_bytes OR NEW.max_iterations <> OLD.max_iterations
            OR NEW.created_at <> OLD.created_at OR NEW.iteration_count < OLD.iteration_count THEN
        RAISE EXCEPTION 'execution % keeps its tree position, owner, security context and budget for life', OLD.id
            USING ERRCODE = 'AE003';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER execution_guard_creation
    BEFORE UPDATE OF tenant_id, id, conversation_id, owner_subject, parent_id, root_id, depth, context_digest,
        deadline, memory_bytes, max_iterations, created_at ON execution
    FOR EACH ROW EXECUTE FUNCTION execution_guard_update();


-- The update trigger of V14 read its transition table twice, once per side table; it now reads
-- the ended members once into a CTE that both deletions use (a cascade of 10,000 passes its 10,000
-- new rows once, not twice).
CREATE OR REPLACE FUNCTION execution_active_on_update() RETURNS trigger AS $$
BEGIN
    WITH left_state AS MATERIALIZED (
        SELECT tenant_id, id, status FROM updated WHERE status <> 'PENDING'
    ), left_active AS (
        DELETE FROM execution_active a USING left_state l
        WHERE a.tenant_id = l.tenant_id AND a.id = l.id AND l.status <> 'RUNNING'
    )
    DELETE FROM execution_pending p USING left_state l WHERE p.tenant_id = l.tenant_id AND p.id = l.id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
