-- Nodes (the machines that run agent executions) and the leases that hand them work.
--   * node: platform infrastructure, no tenant; readable only through a declared bypass.
--     dedicated_tenants non-empty makes a dedicated node: it runs only those tenants' work, and
--     those tenants' work runs only on their dedicated nodes.
--   * execution_assignment: at most one lease per execution (the primary key decides races between
--     nodes and instances); claims select Pending, unleased executions FOR UPDATE SKIP LOCKED and
--     copy the execution's tenant. No foreign key to execution: a lease of an execution that is gone
--     is harmless (the service drops it), and execution stays truncatable on its own.
CREATE TABLE node (
    id                TEXT        NOT NULL PRIMARY KEY,
    capacity          INTEGER     NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
    -- "key=value" entries; keys never contain '='.
    labels            TEXT[]      NOT NULL DEFAULT '{}',
    runtimes          TEXT[]      NOT NULL DEFAULT '{}',
    dedicated_tenants TEXT[]      NOT NULL DEFAULT '{}',
    registered_at     TIMESTAMPTZ NOT NULL,
    last_heartbeat    TIMESTAMPTZ NOT NULL,
    CONSTRAINT node_heartbeat_after_registration CHECK (last_heartbeat >= registered_at)
);
CREATE INDEX node_dedicated_tenants ON node USING GIN (dedicated_tenants);

CREATE TABLE execution_assignment (
    execution_id     TEXT        NOT NULL PRIMARY KEY,
    tenant_id        TEXT        NOT NULL,
    node_id          TEXT        NOT NULL REFERENCES node (id),
    claimed_at       TIMESTAMPTZ NOT NULL,
    lease_expires_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT execution_assignment_lease CHECK (lease_expires_at > claimed_at)
);
CREATE INDEX execution_assignment_by_node ON execution_assignment (node_id, claimed_at);
CREATE INDEX execution_assignment_by_expiry ON execution_assignment (lease_expires_at);

-- The claim scans Pending executions oldest first.
CREATE INDEX execution_pending_by_age ON execution (created_at, id) WHERE status = 'PENDING';

ALTER TABLE node ENABLE ROW LEVEL SECURITY;
ALTER TABLE node FORCE ROW LEVEL SECURITY;
CREATE POLICY bypass_only ON node USING (aegis_bypass_only()) WITH CHECK (aegis_bypass_only());

ALTER TABLE execution_assignment ENABLE ROW LEVEL SECURITY;
ALTER TABLE execution_assignment FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON execution_assignment
    USING (aegis_tenant_visible(tenant_id)) WITH CHECK (aegis_tenant_visible(tenant_id));

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aegis_app') THEN
        EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON node TO aegis_app';
        EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON execution_assignment TO aegis_app';
    END IF;
END
$$;
