-- The agent and workflow registry: one row per deployed version of a name, per tenant and kind.
-- A deployed version never changes: the adapter only inserts and deletes. The document is the
-- manifest's RFC 8785 canonical JSON, exactly what export returns. Versions are stored as three
-- numbers so that "latest" is the numeric maximum (1.10.0 after 1.9.0). Names use the "C" collation
-- so that their order (and paging cursors) matches the service's code-unit order on every server.
-- The count of distinct names per tenant and kind is checked by the adapter under a transaction-
-- scoped advisory lock on (tenant, kind), so racing deploys on any number of instances stay exact.
CREATE TABLE registry_manifest (
    tenant_id     TEXT        NOT NULL,
    kind          TEXT        NOT NULL CHECK (kind IN ('agent', 'workflow')),
    name          TEXT COLLATE "C" NOT NULL CHECK (length(name) <= 63 AND name ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'),
    version_major INTEGER     NOT NULL CHECK (version_major >= 0),
    version_minor INTEGER     NOT NULL CHECK (version_minor >= 0),
    version_patch INTEGER     NOT NULL CHECK (version_patch >= 0),
    description   TEXT        NOT NULL CHECK (description <> ''),
    document      TEXT        NOT NULL,
    deployed_by   TEXT        NOT NULL CHECK (deployed_by <> ''),
    deployed_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, kind, name, version_major, version_minor, version_patch)
);

ALTER TABLE registry_manifest ENABLE ROW LEVEL SECURITY;
ALTER TABLE registry_manifest FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON registry_manifest
    USING (aegis_tenant_visible(tenant_id)) WITH CHECK (aegis_tenant_visible(tenant_id));

-- How many distinct agent and workflow names a tenant (or one user's tenant) may hold, overriding
-- the tier's defaults. Like the other count limits: a number, or explicitly unlimited, never both.
ALTER TABLE limit_override
    ADD COLUMN agent_count              BIGINT CHECK (agent_count >= 0),
    ADD COLUMN agent_count_unlimited    BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN workflow_count           BIGINT CHECK (workflow_count >= 0),
    ADD COLUMN workflow_count_unlimited BOOLEAN NOT NULL DEFAULT FALSE,
    ADD CONSTRAINT limit_override_agent_count_one_form
        CHECK (NOT (agent_count_unlimited AND agent_count IS NOT NULL)),
    ADD CONSTRAINT limit_override_workflow_count_one_form
        CHECK (NOT (workflow_count_unlimited AND workflow_count IS NOT NULL));

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aegis_app') THEN
        EXECUTE 'GRANT SELECT, INSERT, DELETE ON registry_manifest TO aegis_app';
    END IF;
END
$$;
