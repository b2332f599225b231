-- Agent executions: one row per node of a conversation's execution tree, and the iteration history
-- of each node. The invariants that must hold across service instances live here, not only in Java:
--   * at most one active (Pending or Running) root per conversation: a partial unique index;
--   * the tree: a child's parent is in the same tenant, tree and conversation (composite foreign
--     key), every row names an existing root of its tenant, and a row is a root exactly when it has
--     no parent, depth 0 and is its own root;
--   * status values and transitions: a terminal row (Completed, Failed, Cancelled, TimedOut) is
--     never updated, a live row only moves along the life cycle, and what an execution was created
--     with (tree position, owner, security context, budget) never changes;
--   * execution ids are unique across tenants, so a node's lookup by id alone is unambiguous.
CREATE TABLE execution (
    tenant_id        TEXT        NOT NULL,
    id               TEXT        NOT NULL,
    conversation_id  TEXT        NOT NULL,
    owner_subject    TEXT        NOT NULL CHECK (owner_subject <> ''),
    parent_id        TEXT,
    root_id          TEXT        NOT NULL,
    depth            INTEGER     NOT NULL CHECK (depth >= 0),
    status           TEXT        NOT NULL
        CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT')),
    -- The effective SEAL security context, possibly narrower than a built-in one: name, ordered
    -- capabilities (tool pattern and optional allowlists) and deny list.
    security_context JSONB       NOT NULL,
    deadline         TIMESTAMPTZ NOT NULL,
    memory_bytes     BIGINT      NOT NULL CHECK (memory_bytes > 0),
    max_iterations   INTEGER     NOT NULL CHECK (max_iterations >= 1),
    iteration_count  INTEGER     NOT NULL CHECK (iteration_count >= 0 AND iteration_count <= max_iterations),
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT execution_id_unique UNIQUE (id),
    -- Target of the parent key below: lets a child name its parent's tree and conversation too.
    CONSTRAINT execution_tree_position UNIQUE (tenant_id, id, root_id, conversation_id),
    CONSTRAINT execution_parent_fk FOREIGN KEY (tenant_id, parent_id, root_id, conversation_id)
        REFERENCES execution (tenant_id, id, root_id, conversation_id),
    CONSTRAINT execution_root_fk FOREIGN KEY (tenant_id, root_id) REFERENCES execution (tenant_id, id),
    CONSTRAINT execution_root_shape CHECK (
        (parent_id IS NULL) = (depth = 0) AND (parent_id IS NULL) = (root_id = id)),
    CONSTRAINT execution_times CHECK (updated_at >= created_at)
);

CREATE UNIQUE INDEX execution_one_active_root ON execution (tenant_id, conversation_id)
    WHERE parent_id IS NULL AND status IN ('PENDING', 'RUNNING');

CREATE INDEX execution_by_root ON execution (tenant_id, root_id);
CREATE INDEX execution_by_parent ON execution (tenant_id, parent_id);
CREATE INDEX execution_active_by_tenant ON execution (tenant_id) WHERE status IN ('PENDING', 'RUNNING');

-- SQLSTATEs of class 'AE' are this service's own refusals, so the adapter can tell them apart:
-- AE001 an update of a terminal row, AE002 a transition the life cycle does not allow,
-- AE003 a change to what the execution was created with.
CREATE FUNCTION execution_guard_update() RETURNS trigger AS $$
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
            OR NEW.security_context <> OLD.security_context OR NEW.deadline <> OLD.deadline
            OR NEW.memory_bytes <> OLD.memory_bytes OR NEW.max_iterations <> OLD.max_iterations
            OR NEW.created_at <> OLD.created_at OR NEW.iteration_count < OLD.iteration_count THEN
        RAISE EXCEPTION 'execution % keeps its tree position, owner, security context and budget for life', OLD.id
            USING ERRCODE = 'AE003';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER execution_guard BEFORE UPDATE ON execution
    FOR EACH ROW EXECUTE FUNCTION execution_guard_update();

-- What each iteration of an execution did, for the Transparent Iteration Panel, in append order.
-- The detail is already cleaned by the domain; the sentence is stored as shown to the person.
CREATE TABLE iteration_event (
    seq            BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id      TEXT        NOT NULL,
    execution_id   TEXT        NOT NULL,
    kind           TEXT        NOT NULL CHECK (kind IN ('ATTEMPT_STARTED', 'VALIDATION_FAILED', 'FIX_APPLIED',
                                   'MEMORY_REUSED', 'COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT', 'CHILD_SPAWNED')),
    iteration      INTEGER     NOT NULL,
    max_iterations INTEGER     NOT NULL,
    detail         TEXT,
    sentence       TEXT        NOT NULL,
    occurred_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT iteration_event_execution_fk FOREIGN KEY (tenant_id, execution_id) REFERENCES execution (tenant_id, id),
    CONSTRAINT iteration_event_range CHECK (max_iterations >= 1 AND iteration >= 0 AND iteration <= max_iterations)
);

CREATE INDEX iteration_event_by_execution ON iteration_event (tenant_id, execution_id, seq);
