-- The model API keys users bring themselves (BYOK), one per user of a tenant. Only ciphertext is
-- stored: AES-256-GCM under the server's secrets key (AEGIS_SECRETS_KEY), with the tenant and user
-- as associated data so a row copied to another user does not decrypt. key_id names the secrets
-- key that encrypted the row (a short hash), so a changed key is reported as such.
CREATE TABLE user_model_key (
    tenant_id  TEXT        NOT NULL,
    subject    TEXT        NOT NULL,
    key_id     TEXT        NOT NULL,
    nonce      BYTEA       NOT NULL CHECK (octet_length(nonce) = 12),
    ciphertext BYTEA       NOT NULL CHECK (octet_length(ciphertext) BETWEEN 17 AND 4096),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, subject)
);

ALTER TABLE user_model_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_model_key FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON user_model_key
    USING (aegis_tenant_visible(tenant_id)) WITH CHECK (aegis_tenant_visible(tenant_id));

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aegis_app') THEN
        EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON user_model_key TO aegis_app';
    END IF;
END
$$;
