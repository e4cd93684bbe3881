-- hookverify idempotency table for PostgreSQL (JdbcIdempotencyStore, Dialect.POSTGRESQL).
-- One row per delivery: the processing record receivers otherwise keep by hand.
CREATE TABLE IF NOT EXISTS hookverify_delivery (
  delivery_key VARCHAR(320) PRIMARY KEY,               -- provider:id
  provider     VARCHAR(63)  NOT NULL,
  status       VARCHAR(16)  NOT NULL CHECK (status IN ('IN_PROGRESS', 'COMPLETED')),
  claim_token  VARCHAR(32)  NOT NULL,                  -- proves ownership to complete/release
  claimed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  completed_at TIMESTAMP WITH TIME ZONE,
  expires_at   TIMESTAMP WITH TIME ZONE NOT NULL      -- lease end, or end of retention once completed
);
CREATE INDEX IF NOT EXISTS hookverify_delivery_expires_at ON hookverify_delivery (expires_at);
