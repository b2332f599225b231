-- Cascade speed and the per-owner concurrency count.
--
-- 1. The guard on execution updates (V3) keeps every rule, but its PL/pgSQL function now runs only
--    for an update that breaks one: the trigger's WHEN clause holds exactly the function's
--    conditions and is evaluated without entering PL/pgSQL. A legal update (10,000 of them in one
--    cascade) costs an expression per row instead of a function call; an update of a terminal row
--    still changes nothing and raises AE001, an illegal step AE002, a change to what the execution
--    was created with AE003.
DROP TRIGGER execution_guard ON execution;

CREATE TRIGGER execution_guard BEFORE UPDATE ON execution
    FOR EACH ROW
    WHEN (OLD.status IN ('COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT')
        OR (NEW.status <> OLD.status AND NOT (
            (OLD.status = 'PENDING' AND NEW.status IN ('RUNNING', 'FAILED', 'CANCELLED', 'TIMED_OUT'))
            OR (OLD.status = 'RUNNING' AND NEW.status IN ('COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'))))
        OR NEW.tenant_id <> OLD.tenant_id OR NEW.id <> OLD.id OR NEW.conversation_id <> OLD.conversation_id
        OR NEW.owner_subject <> OLD.owner_subject OR NEW.parent_id IS DISTINCT FROM OLD.parent_id
        OR NEW.root_id <> OLD.root_id OR NEW.depth <> OLD.depth
        OR NEW.security_context <> OLD.security_context OR NEW.deadline <> OLD.deadline
        OR NEW.memory_bytes <> OLD.memory_bytes OR NEW.max_iterations <> OLD.max_iterations
        OR NEW.created_at <> OLD.created_at OR NEW.iteration_count < OLD.iteration_count)
    EXECUTE FUNCTION execution_guard_update();

-- 2. Concurrency is counted per owner (tenant and owner subject, roots and children together).
--    The partial index answers that count and, by its leading column, the per-tenant count the
--    index it replaces answered. Rows leave a partial index's scope when they end, so a cascade
--    adds nothing to it.
DROP INDEX execution_active_by_tenant;
CREATE INDEX execution_active_by_owner ON execution (tenant_id, owner_subject) WHERE status IN ('PENDING', 'RUNNING');
