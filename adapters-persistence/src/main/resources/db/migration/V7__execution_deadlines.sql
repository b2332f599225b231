-- The service enforces deadlines itself: it looks for active executions whose deadline has come.
CREATE INDEX execution_active_deadline ON execution (deadline) WHERE status IN ('PENDING', 'RUNNING');
