-- hookverify audit trail for PostgreSQL (AuditTrail, Dialect.POSTGRESQL): one row per verification
-- attempt, accepted or rejected. Never a secret, a signature, a body or a query string.
CREATE TABLE IF NOT EXISTS hookverify_audit (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,    -- the trail's clock when the outcome was decided
  provider       VARCHAR(64)  NOT NULL,
  outcome        VARCHAR(64)  NOT NULL,                -- ACCEPTED, or the Reason's name
  key_id         VARCHAR(128),                         -- the key that matched, when one did
  tenant         VARCHAR(128),                         -- the tenant, when keys are per tenant
  remote_address VARCHAR(128),                         -- the peer as the HTTP stack saw it
  path           VARCHAR(256) NOT NULL,                -- the request path, without the query
  elapsed_micros BIGINT       NOT NULL                 -- how long verification took
);
CREATE INDEX IF NOT EXISTS hookverify_audit_occurred_at ON hookverify_audit (occurred_at);
