package dev.hookverify.inbox;

/**
 * The SQL of one inbox table, built once from its validated name. Every value is a parameter; the
 * only text spliced in is the table name, which the builder accepts only as a plain identifier.
 */
final class InboxStatements {
  /** The columns {@link DeliveryInbox} reads a {@link StoredDelivery} from, in its order. */
  static final String COLUMNS =
      "id, delivery_key, provider, tenant, delivery_id, delivery_id_signed, key_id, signed_at,"
          + " received_at, content_type, headers, body, status, attempts, next_attempt_at,"
          + " last_error, lease_owner";

  private static final String INSERT_COLUMNS =
      "(delivery_key, provider, tenant, delivery_id, delivery_id_signed, key_id, signed_at,"
          + " received_at, content_type, headers, body, status, attempts, next_attempt_at)";
  private static final String INSERT_VALUES =
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?)";
  private static final String DUE =
      "(status = 'PENDING' AND next_attempt_at <= ?)"
          + " OR (status = 'PROCESSING' AND next_attempt_at <= ?)";
  // A settlement applies only to the lease it was given: same worker, same attempt, same lease end.
  private static final String HELD =
      " WHERE id = ? AND status = 'PROCESSING' AND lease_owner = ? AND attempts = ?"
          + " AND next_attempt_at = ?";

  /** PostgreSQL: insert unless the key exists, and notify listeners only if a row was inserted. */
  final String acceptPostgres;

  /**
   * PostgreSQL, for auto-commit connections: {@link #acceptPostgres} between its own BEGIN and
   * COMMIT, sent as one batch (one round trip), so it commits even inside a transaction an earlier
   * borrower left open.
   */
  final String acceptPostgresCommitted;

  /** Standard: a plain insert; a duplicate key fails with SQLState 23xxx. */
  final String insert;

  final String exists;
  final String find;
  final String findById;

  /** PostgreSQL: lease the due rows in one statement, skipping rows other workers have locked. */
  final String leasePostgres;

  /** Standard: the due rows, oldest first (the caller caps the count with setMaxRows). */
  final String dueStandard;

  /** Standard: lease one due row if nobody leased it since it was read. */
  final String leaseOneStandard;

  final String complete;
  final String retry;
  final String bury;
  final String requeue;
  final String requeueDead;
  final String purge;
  final String counts;

  InboxStatements(String table) {
    acceptPostgres =
        "WITH ins AS (INSERT INTO "
            + table
            + " "
            + INSERT_COLUMNS
            + INSERT_VALUES
            + " ON CONFLICT (delivery_key) DO NOTHING RETURNING id)"
            + " SELECT id, pg_notify(?, '') FROM ins";
    acceptPostgresCommitted = "BEGIN; " + acceptPostgres + "; COMMIT";
    insert = "INSERT INTO " + table + " " + INSERT_COLUMNS + INSERT_VALUES;
    exists = "SELECT delivery_key FROM " + table + " WHERE delivery_key = ?";
    find = "SELECT " + COLUMNS + " FROM " + table + " WHERE delivery_key = ?";
    findById = "SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?";
    leasePostgres =
        "UPDATE "
            + table
            + " AS d SET status = 'PROCESSING', attempts = d.attempts + 1, lease_owner = ?,"
            + " next_attempt_at = ?"
            + " FROM (SELECT id, next_attempt_at FROM "
            + table
            + " WHERE "
            + DUE
            + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) due"
            + " WHERE d.id = due.id RETURNING "
            + prefixed("d.", COLUMNS)
            + ", due.next_attempt_at AS due_at";
    dueStandard =
        "SELECT id, status, attempts, next_attempt_at FROM "
            + table
            + " WHERE "
            + DUE
            + " ORDER BY next_attempt_at";
    leaseOneStandard =
        "UPDATE "
            + table
            + " SET status = 'PROCESSING', attempts = attempts + 1, lease_owner = ?,"
            + " next_attempt_at = ?"
            + " WHERE id = ? AND status = ? AND attempts = ? AND next_attempt_at = ?";
    complete =
        "UPDATE "
            + table
            + " SET status = 'COMPLETED', completed_at = ?, lease_owner = NULL, last_error = NULL"
            + HELD;
    retry =
        "UPDATE "
            + table
            + " SET status = 'PENDING', next_attempt_at = ?, lease_owner = NULL, last_error = ?"
            + HELD;
    bury = "UPDATE " + table + " SET status = 'DEAD', lease_owner = NULL, last_error = ?" + HELD;
    String revive =
        "UPDATE "
            + table
            + " SET status = 'PENDING', attempts = 0, next_attempt_at = ?, lease_owner = NULL"
            + " WHERE status = 'DEAD'";
    requeue = revive + " AND delivery_key = ?";
    requeueDead = revive;
    purge = "DELETE FROM " + table + " WHERE status = 'COMPLETED' AND completed_at <= ?";
    counts = "SELECT status, COUNT(*) FROM " + table + " GROUP BY status";
  }

  private static String prefixed(String prefix, String columns) {
    return prefix + columns.replace(", ", ", " + prefix);
  }
}
