-- Append-only, tamper-evident audit log. One hash chain per tenant: each row carries the hash of the
-- previous row of its tenant, so a removed or edited row breaks the chain from that point on.
-- Platform-level events (operator actions that name no tenant, refused authentication) belong to
-- the reserved tenant 'aegis-system'.
CREATE TABLE audit_log (
    tenant_id      TEXT        NOT NULL,
    seq            BIGINT      NOT NULL,
    occurred_at    TIMESTAMPTZ NOT NULL,
    actor_kind     TEXT        NOT NULL CHECK (actor_kind IN ('zaru_user', 'operator', 'node', 'system', 'anonymous')),
    actor_subject  TEXT        NOT NULL,
    action         TEXT        NOT NULL,
    decision       TEXT        NOT NULL CHECK (decision IN ('allowed', 'denied', 'recorded')),
    reason_code    TEXT,
    detail         JSONB       NOT NULL DEFAULT '{}'::jsonb,
    correlation_id TEXT,
    prev_hash      BYTEA       NOT NULL,
    hash           BYTEA       NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);

CREATE INDEX audit_log_occurred_at ON audit_log (tenant_id, occurred_at);

-- Rows are never changed or removed by the application; retention is a separate, audited job.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
