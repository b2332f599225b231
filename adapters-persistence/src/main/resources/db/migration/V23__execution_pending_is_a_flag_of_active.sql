-- The Pending facts move into execution_active, as a flag with the creation time nodes claim by.
--
-- V14 kept two side tables, execution_active (every Pending or Running execution) and
-- execution_pending (the Pending ones, which nodes claim oldest first). Every Pending execution was
-- a row in both, so an execution that ended while Pending cost two deletions, each joining the
-- statement's changed rows again: a cascade of 10,000 (half of them Pending) deleted 15,000 side
-- rows in two joins. One table with a `pending` flag ends each member with one deletion, in one
-- join. Starting an execution now clears the flag (an update of one row of execution_active, which
-- its partial index over Pending rows makes a non-HOT update) instead of deleting a row: a start
-- happens once per execution, a cascade ends thousands at once.
ALTER TABLE execution_active ADD COLUMN pending BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE execution_active ADD COLUMN created_at TIMESTAMPTZ;
UPDATE execution_active a SET pending = true FROM execution_pending p WHERE p.tenant_id = a.tenant_id AND p.id = a.id;
UPDATE execution_active a SET created_at = e.created_at FROM execution e WHERE e.tenant_id = a.tenant_id AND e.id = a.id;
ALTER TABLE execution_active ALTER COLUMN created_at SET NOT NULL;
ALTER TABLE execution_active ALTER COLUMN pending DROP DEFAULT;
-- A Pending execution is active: the flag on a row of this table says no more than that.
CREATE INDEX execution_active_pending_by_age ON execution_active (created_at, id) WHERE pending;
DROP TABLE execution_pending;

CREATE OR REPLACE FUNCTION execution_active_on_insert() RETURNS trigger AS $$
BEGIN
    INSERT INTO execution_active (tenant_id, id, owner_subject, conversation_id, is_root, deadline, pending, created_at)
    SELECT tenant_id, id, owner_subject, conversation_id, parent_id IS NULL, deadline, status = 'PENDING', created_at
    FROM inserted WHERE status IN ('PENDING', 'RUNNING');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- The guards allow no move back to Pending or out of a final status, so an update only ever ends
-- an execution (its row goes) or starts it (its flag clears); a Running execution counting an
-- iteration matches neither statement's filter.
CREATE OR REPLACE FUNCTION execution_active_on_update() RETURNS trigger AS $$
BEGIN
    DELETE FROM execution_active a USING updated u
    WHERE a.tenant_id = u.tenant_id AND a.id = u.id AND u.status NOT IN ('PENDING', 'RUNNING');
    UPDATE execution_active a SET pending = false FROM updated u
    WHERE a.tenant_id = u.tenant_id AND a.id = u.id AND u.status = 'RUNNING' AND a.pending;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
