-- hookverify idempotency table in standard SQL (JdbcIdempotencyStore, Dialect.STANDARD):
-- MySQL, MariaDB, SQL Server, Oracle, H2 and others; adjust the timestamp type if yours differs.
CREATE TABLE hookverify_delivery (
  delivery_key VARCHAR(320) NOT NULL PRIMARY KEY,      -- provider:id
  provider     VARCHAR(63)  NOT NULL,
  status       VARCHAR(16)  NOT NULL CHECK (status IN ('IN_PROGRESS', 'COMPLETED')),
  claim_token  VARCHAR(32)  NOT NULL,                  -- proves ownership to complete/release
  claimed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  completed_at TIMESTAMP WITH TIME ZONE,
  expires_at   TIMESTAMP WITH TIME ZONE NOT NULL      -- lease end, or end of retention once completed
);
CREATE INDEX hookverify_delivery_expires_at ON hookverify_delivery (expires_at);
