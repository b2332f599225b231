-- A SEAL token bound to an execution is honoured only while that execution is Running: the
-- verifications read its status at every call (SEAL envelopes through the execution's grant, node
-- calls through the execution's record). Ending an execution, alone or in a cascade of 10,000, is
-- therefore its tokens' revocation, committed in the same statement as the status; the per-execution
-- revocation rows, one upsert per ended member, are no longer written or read. Tokens revoked one by
-- one stay in seal_revoked_token.
DROP TABLE seal_revoked_execution;
