-- Public halves of every instance's SEAL signing keys, so that a token signed by one instance (or
-- before a restart) verifies everywhere until it expires. Private keys never leave their instance.
CREATE TABLE seal_public_key (
    key_id      TEXT        NOT NULL PRIMARY KEY,
    public_jwk  TEXT        NOT NULL,
    valid_until TIMESTAMPTZ NOT NULL
);
CREATE INDEX seal_public_key_valid_until ON seal_public_key (valid_until);

ALTER TABLE seal_public_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE seal_public_key FORCE ROW LEVEL SECURITY;
CREATE POLICY bypass_only ON seal_public_key USING (aegis_bypass_only()) WITH CHECK (aegis_bypass_only());

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aegis_app') THEN
        EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON seal_public_key TO aegis_app';
    END IF;
END
$$;
