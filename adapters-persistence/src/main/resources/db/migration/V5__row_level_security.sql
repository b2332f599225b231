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

DO $$
DECLARE
    tenant_table TEXT;
    seal_table   TEXT;
BEGIN
    FOREACH tenant_table IN ARRAY ARRAY['audit_log', 'conversation', 'execution', 'iteration_event', 'limit_override'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (aegis_tenant_visible(tenant_id)) '
                       'WITH CHECK (aegis_tenant_visible(tenant_id))', tenant_table);
    END LOOP;
    -- SEAL rows belong to no tenant and are only ever read or written in a declared bypass.
    FOREACH seal_table IN ARRAY ARRAY['seal_nonce', 'seal_revoked_token', 'seal_revoked_execution', 'seal_session'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', seal_table);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', seal_table);
        EXECUTE format('CREATE POLICY bypass_only ON %I USING (aegis_bypass_only()) WITH CHECK (aegis_bypass_only())',
                       seal_table);
    END LOOP;
END
$$;
