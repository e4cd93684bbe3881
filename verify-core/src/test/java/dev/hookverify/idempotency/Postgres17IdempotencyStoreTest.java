package dev.hookverify.idempotency;

import dev.hookverify.testing.PostgresServer;

/** The JDBC store's tests, both dialects and the whole contract, on PostgreSQL 17. */
class Postgres17IdempotencyStoreTest extends PostgresIdempotencyStoreTest {
  @Override
  PostgresServer.Version version() {
    return PostgresServer.Version.V17;
  }
}
