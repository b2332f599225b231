-- Exact rate limiting (issue 7). Windows are fixed and aligned to UTC, so every instance computes
-- the same window_start for the same instant and one row per (tenant, subject, counter, window
-- start) is the whole shared state. A count is taken with one INSERT … ON CONFLICT DO UPDATE …
-- WHERE used + n <= limit per counter, in one transaction per call that rolls back when any
-- counter refuses: the row lock makes concurrent callers on any instance wait and re-check, so no
-- counter ever passes its limit and a refused call leaves no trace. Rows of ended windows are never
-- read again; housekeeping deletes them by window_end.
CREATE TABLE rate_limit_counter (
    tenant_id    TEXT        NOT NULL,
    subject      TEXT        NOT NULL CHECK (subject <> ''),
    counter      TEXT        NOT NULL CHECK (counter <> ''),
    window_start TIMESTAMPTZ NOT NULL,
    window_end   TIMESTAMPTZ NOT NULL,
    used         BIGINT      NOT NULL CHECK (used >= 0),
    PRIMARY KEY (tenant_id, subject, counter, window_start),
    CHECK (window_end > window_start)
);
CREATE INDEX rate_limit_counter_window_end ON rate_limit_counter (window_end);

-- Rate limits overridden per tenant (subject IS NULL) or per user, beyond agent executions per
-- minute and per day (those stay columns of limit_override). A limit is a number or explicitly
-- unlimited (which removes the limit underneath), never both. tool_pattern is '' for every
-- resource but tool_call, which always names one (*, prefix.* or an exact dotted tool name).
CREATE TABLE limit_rate_override (
    tenant_id    TEXT    NOT NULL,
    subject      TEXT,
    resource     TEXT    NOT NULL CHECK (resource IN ('agent_execution', 'workflow_execution', 'llm_call', 'llm_token',
                                                      'tool_call')),
    tool_pattern TEXT    NOT NULL DEFAULT '',
    rate_window  TEXT    NOT NULL CHECK (rate_window IN ('minute', 'hour', 'day', 'week', 'month')),
    max_count    BIGINT  CHECK (max_count >= 0),
    unlimited    BOOLEAN NOT NULL DEFAULT FALSE,
    CHECK (subject IS NULL OR subject <> ''),
    CHECK ((resource = 'tool_call') = (tool_pattern <> '')),
    CHECK (unlimited <> (max_count IS NOT NULL)),
    CHECK (NOT (resource = 'agent_execution' AND rate_window IN ('minute', 'day')))
);
CREATE UNIQUE INDEX limit_rate_override_tenant ON limit_rate_override (tenant_id, resource, tool_pattern, rate_window)
    WHERE subject IS NULL;
CREATE UNIQUE INDEX limit_rate_override_user ON limit_rate_override (tenant_id, subject, resource, tool_pattern, rate_window)
    WHERE subject IS NOT NULL;

ALTER TABLE rate_limit_counter ENABLE ROW LEVEL SECURITY;
ALTER TABLE rate_limit_counter FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rate_limit_counter USING (aegis_tenant_visible(tenant_id))
    WITH CHECK (aegis_tenant_visible(tenant_id));

ALTER TABLE limit_rate_override ENABLE ROW LEVEL SECURITY;
ALTER TABLE limit_rate_override FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON limit_rate_override USING (aegis_tenant_visible(tenant_id))
    WITH CHECK (aegis_tenant_visible(tenant_id));

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aegis_app') THEN
        EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_counter TO aegis_app';
        EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON limit_rate_override TO aegis_app';
    END IF;
END
$$;
