package dev.hookverify.requestpath;

/** What stands in front of the endpoint's servlet in one run of the request path. */
enum Scenario {
  /** The servlet alone: it reads the body and answers 204. The cost every other row adds to. */
  BARE("bare endpoint"),
  /** The shipped filter with a Stripe {@code WebhookVerifier}, then the same servlet. */
  VERIFY("verification"),
  /** Verification and a claim in an {@code InMemoryIdempotencyStore}. */
  MEMORY_CLAIM("verification + in-memory claim"),
  /** Verification and a claim in a {@code JdbcIdempotencyStore} on PostgreSQL (HikariCP). */
  POSTGRES_CLAIM("verification + PostgreSQL claim"),
  /** Inbox mode: verified, stored in a {@code DeliveryInbox} on PostgreSQL, answered 200. */
  INBOX("inbox acceptance");

  final String title;

  Scenario(String title) {
    this.title = title;
  }

  /** Whether this scenario needs a PostgreSQL server. */
  boolean usesPostgres() {
    return this == POSTGRES_CLAIM || this == INBOX;
  }
}
