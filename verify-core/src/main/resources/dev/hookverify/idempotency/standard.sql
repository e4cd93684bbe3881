-- hookverify idempotency table in standard SQL (JdbcIdempotencyStore, Dialect.STANDARD):
-- MySQL, MariaDB, SQL Server, Oracle, H2 and others; adjust the timestamp type if yours differs.
-- delivery_key must compare exactly (case-sensitively): on MySQL or MariaDB declare it with a
-- binary collation (utf8mb4_bin), on SQL Server a _BIN2 one; a key that matches another in
-- another case is refused as a failure, never answered as a duplicate.
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
