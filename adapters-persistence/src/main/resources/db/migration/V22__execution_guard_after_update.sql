-- The guards of V9/V21 move from BEFORE to AFTER UPDATE, with the same WHEN clauses and function.
--
-- PostgreSQL locks every row an UPDATE touches before it runs the table's BEFORE UPDATE row
-- triggers (so that they see the newest version), and that lock writes a WAL record of its own.
-- It does so before it evaluates a trigger's WHEN clause or column list, so the guards cost every
-- status change a second WAL record even when they do not fire: a cascade of 10,000 wrote 20,000
-- records (about 540 KB more WAL than the updates themselves).
--
-- AFTER row triggers see the row's old and new versions without that lock, and their WHEN clause
-- is evaluated as the row is updated: a legal change queues nothing. An illegal one queues the
-- function, which raises AE001, AE002 or AE003 when the statement ends, and the whole statement is
-- undone as before. No rule changes; only when in the statement it is checked.
DROP TRIGGER execution_guard ON execution;
DROP TRIGGER execution_guard_creation ON execution;

CREATE TRIGGER execution_guard AFTER UPDATE ON execution
    FOR EACH ROW
    WHEN (OLD.status IN ('COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT')
        OR (NEW.status <> OLD.status AND NOT (
            (OLD.status = 'PENDING' AND NEW.status IN ('RUNNING', 'FAILED', 'CANCELLED', 'TIMED_OUT'))
            OR (OLD.status = 'RUNNING' AND NEW.status IN ('COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'))))
        OR NEW.iteration_count < OLD.iteration_count)
    EXECUTE FUNCTION execution_guard_update();

CREATE TRIGGER execution_guard_creation
    AFTER UPDATE OF tenant_id, id, conversation_id, owner_subject, parent_id, root_id, depth, context_digest,
        deadline, memory_bytes, max_iterations, created_at ON execution
    FOR EACH ROW EXECUTE FUNCTION execution_guard_update();
