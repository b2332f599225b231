-- One Zaru conversation (chat session) per row; every read is scoped by tenant.
CREATE TABLE conversation (
    tenant_id     TEXT        NOT NULL,
    id            TEXT        NOT NULL,
    owner_subject TEXT        NOT NULL,
    mode          TEXT        NOT NULL CHECK (mode IN ('CHAT', 'AGENTIC', 'ARCHITECT', 'EXECUTE', 'OPERATOR')),
    locked        BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- The mode of a locked conversation never changes, whoever writes the row.
CREATE FUNCTION conversation_mode_is_locked() RETURNS trigger AS $$
BEGIN
    IF OLD.locked AND (NEW.mode <> OLD.mode OR NOT NEW.locked) THEN
        RAISE EXCEPTION 'conversation % is locked: its mode cannot change', OLD.id;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER conversation_mode_lock BEFORE UPDATE ON conversation
    FOR EACH ROW EXECUTE FUNCTION conversation_mode_is_locked();
