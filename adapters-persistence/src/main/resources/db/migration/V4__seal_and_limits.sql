-- SEAL bookkeeping. Token ids (jti) are random and globally unique, and execution ids are generated
-- by the service, so these rows are keyed globally: verification looks a token up before it knows
-- anything else. Every row carries the instant after which it may be deleted; the purge job
-- deletes by that column, and lookups ignore rows past it, so a late purge changes nothing.

-- Envelope nonces seen within the freshness window. Inserting is the replay check: the primary
-- key makes it atomic across every instance sharing the database.
CREATE TABLE seal_nonce (
    nonce      TEXT        NOT NULL PRIMARY KEY,
    keep_until TIMESTAMPTZ NOT NULL
);
CREATE INDEX seal_nonce_keep_until ON seal_nonce (keep_until);

-- Tokens revoked one by one.
CREATE TABLE seal_revoked_token (
    token_id   TEXT        NOT NULL PRIMARY KEY,
    keep_until TIMESTAMPTZ NOT NULL
);
CREATE INDEX seal_revoked_token_keep_until ON seal_revoked_token (keep_until);

-- Executions whose every token is revoked (the execution ended, was cancelled or timed out).
CREATE TABLE seal_revoked_execution (
    execution_id TEXT        NOT NULL PRIMARY KEY,
    keep_until   TIMESTAMPTZ NOT NULL
);
CREATE INDEX seal_revoked_execution_keep_until ON seal_revoked_execution (keep_until);

-- The agent key bound to a token at attestation; it lives exactly as long as the token.
CREATE TABLE seal_session (
    token_id     TEXT        NOT NULL PRIMARY KEY,
    agent_key    BYTEA       NOT NULL CHECK (octet_length(agent_key) = 32),
    execution_id TEXT,
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX seal_session_expires_at ON seal_session (expires_at);

-- Changes to the tier limits: one row per tenant (subject IS NULL) and one per user of a tenant.
-- A NULL column means "not overridden". Durations are exact decimal seconds. A count limit is
-- either a number or explicitly unlimited, never both (no magic numbers).
CREATE TABLE limit_override (
    tenant_id                       TEXT    NOT NULL,
    subject                         TEXT,
    agent_executions_per_minute     INTEGER,
    agent_executions_per_day        INTEGER,
    execution_timeout_s             NUMERIC,
    max_iterations                  INTEGER,
    max_concurrent_executions       BIGINT CHECK (max_concurrent_executions >= 0),
    max_concurrent_unlimited        BOOLEAN NOT NULL DEFAULT FALSE,
    memory_bytes_per_agent          BIGINT,
    storage_bytes                   BIGINT,
    volume_count                    BIGINT CHECK (volume_count >= 0),
    volume_count_unlimited          BOOLEAN NOT NULL DEFAULT FALSE,
    storage_ttl_s                   NUMERIC,
    audit_retention_s               NUMERIC,
    teams_and_orgs                  BOOLEAN,
    self_hosted                     BOOLEAN,
    CHECK (subject IS NULL OR subject <> ''),
    CHECK (NOT (max_concurrent_unlimited AND max_concurrent_executions IS NOT NULL)),
    CHECK (NOT (volume_count_unlimited AND volume_count IS NOT NULL))
);
CREATE UNIQUE INDEX limit_override_tenant ON limit_override (tenant_id) WHERE subject IS NULL;
CREATE UNIQUE INDEX limit_override_user ON limit_override (tenant_id, subject) WHERE subject IS NOT NULL;
