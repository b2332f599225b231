-- Cascade speed and the per-owner concurrency count.
--
-- 1. The guard on execution updates (V3) keeps every rule, but its PL/pgSQL function now runs only
--    when an update may break one, so a legal update (10,000 of them in one cascade) costs an
--    expression per row instead of a function call:
--    * execution_guard: its WHEN clause holds exactly the function's status and iteration
--      conditions, evaluated without entering PL/pgSQL. An update of a terminal row still changes
--      nothing and raises AE001, an illegal step AE002, a lower iteration count AE003.
--    * execution_guard_creation: runs the function for any UPDATE that names a column the
--      execution was created with (tree position, owner, security context, budget); it raises
--      AE003 if one really changes. The service's statements never name them, so the per-row
--      comparison of the security context (about 1 KB of JSONB) is not paid on every status change.
DROP TRIGGER execution_guard ON execution;

CREATE TRIGGER execution_guard BEFORE UPDATE ON execution
    FOR EACH ROW
    WHEN (OLD.status IN ('COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT')
        OR (NEW.status <> OLD.status AND NOT (
            (OLD.status = 'PENDING' AND NEW.status IN ('RUNNING', 'FAILED', 'CANCELLED', 'TIMED_OUT'))
            OR (OLD.status = 'RUNNING' AND NEW.status IN ('COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'))))
        OR NEW.iteration_count < OLD.iteration_count)
    EXECUTE FUNCTION execution_guard_update();

CREATE TRIGGER execution_guard_creation
    BEFORE UPDATE OF tenant_id, id, conversation_id, owner_subject, parent_id, root_id, depth, security_context,
        deadline, memory_bytes, max_iterations, created_at ON execution
    FOR EACH ROW EXECUTE FUNCTION execution_guard_update();

-- 2. One index fewer to maintain per changed row: the unique tree position (the parent key's
--    target) now leads with (tenant_id, root_id), so it also serves every read of a whole tree and
--    execution_by_root goes. Foreign keys match a unique constraint by its set of columns, so the
--    parent key keeps its meaning.
ALTER TABLE execution DROP CONSTRAINT execution_parent_fk;
ALTER TABLE execution DROP CONSTRAINT execution_tree_position;
ALTER TABLE execution ADD CONSTRAINT execution_tree_position UNIQUE (tenant_id, root_id, id, conversation_id);
ALTER TABLE execution ADD CONSTRAINT execution_parent_fk FOREIGN KEY (tenant_id, parent_id, root_id, conversation_id)
    REFERENCES execution (tenant_id, id, root_id, conversation_id);
DROP INDEX execution_by_root;

-- 3. Concurrency is counted per owner (tenant and owner subject, roots and children together).
--    The partial index answers that count and, by its leading column, the per-tenant count the
--    index it replaces answered. Rows leave a partial index's scope when they end, so a cascade
--    adds nothing to it.
DROP INDEX execution_active_by_tenant;
CREATE INDEX execution_active_by_owner ON execution (tenant_id, owner_subject) WHERE status IN ('PENDING', 'RUNNING');
