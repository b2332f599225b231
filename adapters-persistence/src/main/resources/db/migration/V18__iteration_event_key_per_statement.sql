-- The iteration events' key to their execution (V3) was checked row by row: each event row ran a
-- lookup that also locked its execution row (FOR KEY SHARE), so a cascade's 10,000 events cost
-- 10,000 lookups. The same rule is now checked once per statement, set-based, under the same
-- constraint name and SQLSTATE (23503), so the adapters' error mapping is unchanged:
--   * inserting events for an execution that does not exist (in the event's tenant) is refused;
--   * an event never moves to another execution;
--   * deleting an execution that still has events is refused (removal deletes the events first).
-- The check runs as the caller, under row security: an event naming another tenant's execution is
-- refused like one naming none.
ALTER TABLE iteration_event DROP CONSTRAINT iteration_event_execution_fk;

CREATE FUNCTION iteration_event_check_execution() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM inserted_events n WHERE NOT EXISTS (
            SELECT 1 FROM execution e WHERE e.tenant_id = n.tenant_id AND e.id = n.execution_id)) THEN
        RAISE EXCEPTION 'insert or update on table "iteration_event" violates foreign key constraint "iteration_event_execution_fk"'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'iteration_event_execution_fk',
                DETAIL = 'every iteration event belongs to an execution of its own tenant';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER iteration_event_execution_fk AFTER INSERT ON iteration_event
    REFERENCING NEW TABLE AS inserted_events
    FOR EACH STATEMENT EXECUTE FUNCTION iteration_event_check_execution();

CREATE FUNCTION iteration_event_guard_update() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'insert or update on table "iteration_event" violates foreign key constraint "iteration_event_execution_fk"'
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'iteration_event_execution_fk',
            DETAIL = 'an iteration event belongs to its execution for life';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER iteration_event_keeps_execution BEFORE UPDATE OF tenant_id, execution_id ON iteration_event
    FOR EACH ROW WHEN (NEW.tenant_id <> OLD.tenant_id OR NEW.execution_id <> OLD.execution_id)
    EXECUTE FUNCTION iteration_event_guard_update();

CREATE FUNCTION execution_keeps_its_events() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM deleted_executions o JOIN iteration_event ev
            ON ev.tenant_id = o.tenant_id AND ev.execution_id = o.id) THEN
        RAISE EXCEPTION 'update or delete on table "execution" violates foreign key constraint "iteration_event_execution_fk" on table "iteration_event"'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'iteration_event_execution_fk',
                DETAIL = 'an execution with iteration events is kept; remove its events first';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER execution_keeps_its_events AFTER DELETE ON execution
    REFERENCING OLD TABLE AS deleted_executions
    FOR EACH STATEMENT EXECUTE FUNCTION execution_keeps_its_events();
