-- Account administration: a tenant an administrator suspended (none of its users may call anything
-- until the suspension is lifted). A row exists exactly while the tenant is suspended. Users are
-- suspended one by one in user_account.suspended (V8). The operator tenant is never suspended.
CREATE TABLE tenant_suspension (
    tenant_id    TEXT        NOT NULL PRIMARY KEY CHECK (tenant_id <> 'aegis-system'),
    suspended_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

ALTER TABLE tenant_suspension ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_suspension FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_suspension
    USING (aegis_tenant_visible(tenant_id)) WITH CHECK (aegis_tenant_visible(tenant_id));

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aegis_app') THEN
        EXECUTE 'GRANT SELECT, INSERT, DELETE ON tenant_suspension TO aegis_app';
    END IF;
END
$$;
