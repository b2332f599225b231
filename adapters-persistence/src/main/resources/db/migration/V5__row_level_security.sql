-- Tenant isolation held by the database itself, on top of the WHERE tenant_id = … every query of
-- the adapters carries. A transaction names its tenant with set_config('aegis.tenant', …, true);
-- work that must cross tenants sets aegis.bypass (SEAL bookkeeping, node lookups, audit checks).
-- FORCE applies the policies to the tables' owner too; superusers bypass them regardless, which is
-- why the service's pool switches to the non-superuser role aegis_app when it connects as one.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aegis_app') THEN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
            CREATE ROLE aegis_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
        ELSE
            RAISE NOTICE 'cannot create role aegis_app; row-level security applies to the connecting user instead';
        END IF;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aegis_app') THEN
        EXECUTE 'GRANT USAGE ON SCHEMA public TO aegis_app';
        EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO aegis_app';
        EXECUTE 'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO aegis_app';
        EXECUTE 'REVOKE UPDATE, DELETE ON audit_log FROM aegis_app';
        EXECUTE 'REVOKE ALL ON flyway_schema_history FROM aegis_app';
    END IF;
END
$$;

CREATE FUNCTION aegis_tenant_visible(row_tenant TEXT) RETURNS BOOLEAN
    LANGUAGE sql STABLE AS $$
        SELECT row_tenant = current_setting('aegis.tenant', true)
            OR coalesce(current_setting('aegis.bypass', true), '') = 'on'
    $$;

CREATE FUNCTION aegis_bypass_only() RETURNS BOOLEAN
    LANGUAGE sql STABLE AS $$
        SELECT coalesce(current_setting('aegis.bypass', true), '') = 'on'
    $$;

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_log
    USING (aegis_tenant_visible(tenant_id)) WITH CHECK (aegis_tenant_visible(tenant_id));

ALTER TABLE conversation ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversation FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON conversation
    USING (aegis_tenant_visible(tenant_id)) WITH CHECK (aegis_tenant_visible(tenant_id));

ALTER TABLE execution ENABLE ROW LEVEL SECURITY;
ALTER TABLE execution FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON execution
    USING (aegis_tenant_visible(tenant_id)) WITH CHECK (aegis_tenant_visible(tenant_id));

ALTER TABLE iteration_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE iteration_event FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON iteration_event
    USING (aegis_tenant_visible(tenant_id)) WITH CHECK (aegis_tenant_visible(tenant_id));

ALTER TABLE limit_override ENABLE ROW LEVEL SECURITY;
ALTER TABLE limit_override FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON limit_override
    USING (aegis_tenant_visible(tenant_id)) WITH CHECK (aegis_tenant_visible(tenant_id));

-- SEAL rows belong to no tenant and are only ever read or written in a declared bypass.
ALTER TABLE seal_nonce ENABLE ROW LEVEL SECURITY;
ALTER TABLE seal_nonce FORCE ROW LEVEL SECURITY;
CREATE POLICY bypass_only ON seal_nonce USING (aegis_bypass_only()) WITH CHECK (aegis_bypass_only());

ALTER TABLE seal_revoked_token ENABLE ROW LEVEL SECURITY;
ALTER TABLE seal_revoked_token FORCE ROW LEVEL SECURITY;
CREATE POLICY bypass_only ON seal_revoked_token USING (aegis_bypass_only()) WITH CHECK (aegis_bypass_only());

ALTER TABLE seal_revoked_execution ENABLE ROW LEVEL SECURITY;
ALTER TABLE seal_revoked_execution FORCE ROW LEVEL SECURITY;
CREATE POLICY bypass_only ON seal_revoked_execution USING (aegis_bypass_only()) WITH CHECK (aegis_bypass_only());

ALTER TABLE seal_session ENABLE ROW LEVEL SECURITY;
ALTER TABLE seal_session FORCE ROW LEVEL SECURITY;
CREATE POLICY bypass_only ON seal_session USING (aegis_bypass_only()) WITH CHECK (aegis_bypass_only());
