-- Tenant and user accounts, and audit retention that keeps every hash chain verifiable.

-- The plan a tenant's users were last verified with (an organisation: the highest seen), recorded
-- by authentication, read by the retention job. The operator tenant has a fixed policy, no plan.
CREATE TABLE tenant_account (
    tenant_id   TEXT        NOT NULL PRIMARY KEY CHECK (tenant_id <> 'aegis-system'),
    plan        TEXT        NOT NULL CHECK (plan IN ('free', 'pro', 'business', 'enterprise')),
    recorded_at TIMESTAMPTZ NOT NULL
);

-- What an administrator set for one user: a tier replacing the token's, BYOK, suspension.
CREATE TABLE user_account (
    tenant_id     TEXT    NOT NULL,
    subject       TEXT    NOT NULL CHECK (subject <> ''),
    tier_override TEXT    CHECK (tier_override IN ('free', 'pro', 'business', 'enterprise')),
    byok          BOOLEAN NOT NULL DEFAULT FALSE,
    suspended     BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (tenant_id, subject),
    CHECK (tier_override IS NULL OR tenant_id <> 'aegis-system')
);

-- Where a tenant's audit chain starts after retention removed its oldest rows: every row up to
-- through_seq is gone, and the first kept row's prev_hash must equal anchor_hash (the hash of the
-- last removed row). Written only by aegis_apply_audit_retention; the service may only read it.
CREATE TABLE audit_retention_mark (
    tenant_id    TEXT        NOT NULL PRIMARY KEY,
    through_seq  BIGINT      NOT NULL CHECK (through_seq > 0),
    through_at   TIMESTAMPTZ NOT NULL,
    anchor_hash  BYTEA       NOT NULL CHECK (octet_length(anchor_hash) = 32),
    rows_removed BIGINT      NOT NULL CHECK (rows_removed > 0),
    updated_at   TIMESTAMPTZ NOT NULL
);

DO $$
DECLARE
    tenant_table TEXT;
BEGIN
    FOREACH tenant_table IN ARRAY ARRAY['tenant_account', 'user_account', 'audit_retention_mark'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (aegis_tenant_visible(tenant_id)) '
                       'WITH CHECK (aegis_tenant_visible(tenant_id))', tenant_table);
    END LOOP;
END
$$;

-- Removes the run of p_tenant's oldest audit rows that all occurred before the cutoff, and moves the
-- tenant's retention mark past them, in the caller's transaction. The service's role has no DELETE
-- on audit_log, so this function (running as the tables' owner) is the only way rows leave it, and
-- it holds what the service could otherwise abuse:
--   * only the tenant the caller's transaction is scoped to (or a declared bypass) can be purged;
--   * no row younger than 7 days is ever removed, whatever cutoff is asked for (operational need;
--     a clamp, not an error, so a few seconds of clock skew between hosts changes nothing);
--   * rows leave only from the start of the chain: the run stops at the first row not older than
--     the cutoff, so a row written by a host with a late clock never leaves a hole in the chain;
--   * appends of the tenant take the same advisory lock, so an append never links to a row being
--     removed, and several instances running retention at once remove each row once and write
--     one mark: the second sees nothing old left and returns no row.
-- Returns one row (rows removed, last removed seq, its occurred_at) or none when nothing was removed.
CREATE FUNCTION aegis_apply_audit_retention(p_tenant TEXT, p_cutoff TIMESTAMPTZ)
    RETURNS TABLE (out_removed BIGINT, out_through_seq BIGINT, out_through_at TIMESTAMPTZ)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_cutoff      TIMESTAMPTZ;
    v_last_old    BIGINT;
    v_first_young BIGINT;
    v_through     BIGINT;
    v_anchor      BYTEA;
    v_at          TIMESTAMPTZ;
    v_removed     BIGINT;
BEGIN
    IF p_tenant IS NULL OR p_cutoff IS NULL THEN
        RAISE EXCEPTION 'audit retention needs a tenant and a cutoff' USING ERRCODE = '22004';
    END IF;
    IF NOT aegis_tenant_visible(p_tenant) THEN
        RAISE EXCEPTION 'audit retention of tenant % must run in a transaction scoped to it', p_tenant
            USING ERRCODE = '42501';
    END IF;
    v_cutoff := least(p_cutoff, now() - interval '7 days');
    PERFORM pg_advisory_xact_lock(hashtextextended(p_tenant, 7));

    SELECT max(a.seq) INTO v_last_old
        FROM audit_log a WHERE a.tenant_id = p_tenant AND a.occurred_at < v_cutoff;
    IF v_last_old IS NULL THEN
        RETURN;
    END IF;
    SELECT min(a.seq) INTO v_first_young
        FROM audit_log a WHERE a.tenant_id = p_tenant AND a.seq <= v_last_old AND a.occurred_at >= v_cutoff;
    v_through := coalesce(v_first_young - 1, v_last_old);
    SELECT a.hash, a.occurred_at INTO v_anchor, v_at
        FROM audit_log a WHERE a.tenant_id = p_tenant AND a.seq = v_through;
    IF NOT FOUND THEN
        RETURN;
    END IF;

    DELETE FROM audit_log a WHERE a.tenant_id = p_tenant AND a.seq <= v_through;
    GET DIAGNOSTICS v_removed = ROW_COUNT;
    INSERT INTO audit_retention_mark AS m (tenant_id, through_seq, through_at, anchor_hash, rows_removed, updated_at)
        VALUES (p_tenant, v_through, v_at, v_anchor, v_removed, now())
        ON CONFLICT (tenant_id) DO UPDATE
            SET through_seq = EXCLUDED.through_seq, through_at = EXCLUDED.through_at,
                anchor_hash = EXCLUDED.anchor_hash, rows_removed = m.rows_removed + EXCLUDED.rows_removed,
                updated_at = EXCLUDED.updated_at
            WHERE m.through_seq < EXCLUDED.through_seq;
    RETURN QUERY SELECT v_removed, v_through, v_at;
END
$$;

REVOKE ALL ON FUNCTION aegis_apply_audit_retention(TEXT, TIMESTAMPTZ) FROM PUBLIC;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'aegis_app') THEN
        EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_account, user_account TO aegis_app';
        EXECUTE 'GRANT SELECT ON audit_retention_mark TO aegis_app';
        EXECUTE 'GRANT EXECUTE ON FUNCTION aegis_apply_audit_retention(TEXT, TIMESTAMPTZ) TO aegis_app';
    END IF;
END
$$;
