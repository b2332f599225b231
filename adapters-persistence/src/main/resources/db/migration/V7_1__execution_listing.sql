-- Listings (a person's tasks, an operator's overview) read newest first; without these indexes
-- they would sort every execution of the tenant.
CREATE INDEX execution_by_tenant_created ON execution (tenant_id, created_at DESC, id DESC);
CREATE INDEX execution_by_owner_created ON execution (tenant_id, owner_subject, created_at DESC, id DESC);
CREATE INDEX execution_by_created ON execution (created_at DESC, id DESC);
