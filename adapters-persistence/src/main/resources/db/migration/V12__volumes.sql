-- Tenant volumes: metadata and usage accounting (the bytes themselves live in the volume store).
-- A volume's name is unique within its tenant. bytes_used and file_count are what the service
-- wrote and accounted. expires_at is when the TTL job may remove the volume unless it is used
-- again first (NULL: never). A removal claims the row first (state 'deleting', deleting_since),
-- so exactly one remover proceeds and a removal a dead instance left half done is found again.
CREATE TABLE volume (
    volume_id      TEXT        NOT NULL PRIMARY KEY,
    tenant_id      TEXT        NOT NULL,
    owner_subject  TEXT        NOT NULL CHECK (owner_subject <> ''),
    name           TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    last_used_at   TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ,
    bytes_used     BIGINT      NOT NULL DEFAULT 0 CHECK (bytes_used >= 0),
    file_count     BIGINT      NOT NULL DEFAULT 0 CHECK (file_count >= 0),
    state          TEXT        NOT NULL CHECK (state IN ('active', 'deleting')),
    deleting_since TIMESTAMPTZ,
    CHECK ((state = 'deleting') = (deleting_since IS NOT NULL)),
    UNIQUE (tenant_id, name)
);
CREATE INDEX volume_expires_at ON volume (expires_at) WHERE state = 'active' AND expires_at IS NOT NULL;
CREATE INDEX volume_deleting_since ON volume (deleting_since) WHERE state = 'deleting';

-- A tenant's totals, kept equal to the sum over its volumes in the same transaction as every change.
-- Quota checks are conditional updates of this one row, so racing writers on any instance queue on
-- its row lock and can never pass a limit together.
CREATE TABLE volume_tenant_usage (
    tenant_id    TEXT   NOT NULL PRIMARY KEY,
    volume_count BIGINT NOT NULL DEFAULT 0 CHECK (volume_count >= 0),
    bytes_used   BIGINT NOT NULL DEFAULT 0 CHECK (bytes_used >= 0)
);

-- The largest single file in a volume, overridable per tenant and per user like the other limits.
ALTER TABLE limit_override ADD COLUMN max_file_bytes BIGINT CHECK (max_file_bytes >= 0);

DO $$
DECLARE
    tenant_table TEXT;
BEGIN
    FOREACH tenant_table IN ARRAY ARRAY['volume', 'volume_tenant_usage'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (aegis_tenant_visible(tenant_id)) '
                       'WITH CHECK (aegis_tenant_visible(tenant_id))', tenant_table);
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aegis_app') THEN
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO aegis_app', tenant_table);
        END IF;
    END LOOP;
END
$$;
