package dev.hookverify.audit;

import static java.util.Objects.requireNonNull;

import dev.hookverify.VerificationEvent;
import dev.hookverify.VerificationListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * A {@link VerificationListener} that records every verification attempt, accepted or rejected, in
 * a table: when (the trail's {@link Clock}), the provider, the outcome ({@code ACCEPTED} or the
 * {@link dev.hookverify.Reason}'s name), the key id and tenant when known, the peer's address, the
 * path and how long verification took. Never a secret, a signature, the body or the query string:
 * {@link VerificationEvent} carries none of them.
 *
 * <pre>{@code
 * AuditTrail audit = AuditTrail.builder(dataSource).build(); // one per application; close it
 * WebhookVerifier verifier = WebhookVerifier.builder("github")
 *     .authenticator(...)
 *     .listener(VerificationListener.all(audit, metricsListener))
 *     .build();
 * }</pre>
 *
 * <p>The table's DDL ships as {@code dev/hookverify/audit/postgresql.sql} and {@code standard.sql}
 * on the class path, also returned by {@link #createTableSql()} with the configured table name; run
 * it once with your migrations. Rows are never deleted by the trail: delete by {@code occurred_at}
 * (indexed) after the retention you need.
 *
 * <p><b>Verification never waits for the database and never fails because of it.</b> {@link
 * #onVerification} cuts the event's columns to their sizes and offers the record to a bounded
 * in-memory queue, nothing more: it takes no lock, does no I/O and throws nothing. One daemon
 * thread, {@code hookverify-audit-<table>}, drains the queue and inserts each batch of at most
 * {@link Builder#batchSize} rows with one JDBC batch in one transaction, on one connection at a
 * time borrowed from the {@link DataSource}: as soon as a full batch is queued, or when the oldest
 * queued record has waited {@link Builder#flushInterval}. Give it a pooled {@link DataSource}: each
 * batch borrows a connection, and opening one per batch costs the database more than the inserts.
 *
 * <p><b>The bound: forged floods do not become database floods.</b>
 *
 * <ul>
 *   <li>Memory: at most {@link Builder#capacity} records are queued (default {@value
 *       #DEFAULT_CAPACITY}), plus the one batch being written; each record holds at most about 800
 *       characters (the path is cut at 256 characters, the key id, tenant and address at 128 each,
 *       the provider at 64). When the queue is full a record is dropped, never waited for, and
 *       counted in {@link #dropped()}.
 *   <li>Database load: one thread, one connection, one batch transaction at a time, whatever the
 *       request rate. A flood costs the database at most what that one writer can insert; the
 *       excess is dropped and counted.
 *   <li>Rejections: at most {@link Builder#maxRejectionsPerSecond} rejected attempts are recorded
 *       per second (default {@value #DEFAULT_MAX_REJECTIONS_PER_SECOND}); the rest are counted in
 *       {@link #sampledOut()} and never queued. So a forged flood adds at most that many rows per
 *       second to the table and leaves the queue free for accepted deliveries, which are never
 *       sampled out. {@link dev.hookverify.Reason#DUPLICATE_DELIVERY} and every other reason count
 *       as rejections; the budget is per second of the monotonic clock ({@link System#nanoTime()}),
 *       shared by every thread, and may be exceeded by one record per thread racing at a second's
 *       turn.
 * </ul>
 *
 * <p><b>Failures.</b> A batch the database refuses (or a connection that cannot be had) is not
 * retried: its records are counted in {@link #failed()} and discarded, and the writer waits one
 * {@link Builder#flushInterval} before the next batch, so a database that is down is asked at most
 * once per interval while the queue fills and further records are dropped. Memory stays bounded by
 * the capacity; nothing is retained to be written later.
 *
 * <p><b>Counts.</b> Every event offered ends in exactly one of {@link #written()}, {@link
 * #dropped()}, {@link #failed()} and {@link #sampledOut()}, or is still {@link #pending()} or in
 * the batch being written; once {@link #close()} has stopped the writer within its timeout, their
 * sum is the number of events offered. Verify-micrometer exposes them as meters ({@code
 * AuditTrailMetrics}).
 *
 * <p>Instances are thread-safe; one trail may serve every verifier of an application. {@link
 * #close()} it at shutdown to write what is queued.
 */
public final class AuditTrail implements VerificationListener, AutoCloseable {
  /** The SQL a database understands; only the DDL differs, the insert is standard. */
  public enum Dialect {
    /** PostgreSQL 10 or later: an identity column. */
    POSTGRESQL("postgresql.sql"),
    /** Standard SQL (an identity column, {@code TIMESTAMP WITH TIME ZONE}). */
    STANDARD("standard.sql");

    private final String ddlResource;

    Dialect(String ddlResource) {
      this.ddlResource = ddlResource;
    }
  }

  /** The default queue capacity: 10,000 records. */
  public static final int DEFAULT_CAPACITY = 10_000;

  /** The default batch size: 500 rows per insert transaction. */
  public static final int DEFAULT_BATCH_SIZE = 500;

  /** The default number of rejections recorded per second: 1,000. */
  public static final int DEFAULT_MAX_REJECTIONS_PER_SECOND = 1_000;

  /** The default flush interval: 1 second. */
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

  /** The default time {@link #close()} waits for the queue to be written: 10 seconds. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private static final String DEFAULT_TABLE = "hookverify_audit";
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final DataSource dataSource;
  private final Dialect dialect;
  private final String table;
  private final Clock clock;
  private final int capacity;
  private final int batchSize;
  private final long flushNanos;
  private final long closeTimeoutNanos;
  private final int queryTimeoutSeconds;
  private final int maxRejectionsPerSecond;
  private final String insertSql;
  private final Thread writer;

  private final ConcurrentLinkedQueue<AuditRecord> queue = new ConcurrentLinkedQueue<>();

  /** Queued records: a slot is reserved before a record is queued, released once it is taken. */
  private final AtomicInteger pending = new AtomicInteger();

  private final LongAdder enqueued = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder sampledOut = new LongAdder();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  /** Records dropped after they were queued (close, a writer gone); part of dropped. */
  private final AtomicLong discarded = new AtomicLong();

  /** The second of {@link System#nanoTime()} the rejection budget is counted in, and its count. */
  private final AtomicLong rejectionSecond = new AtomicLong(Long.MIN_VALUE);

  private final AtomicInteger rejectionsThisSecond = new AtomicInteger();

  /** Set by flush(): the writer writes what is queued without waiting for a full batch. */
  private volatile boolean flushRequested;

  /** Set by close(): no new records; the writer empties the queue and ends. */
  private volatile boolean closed;

  /** Set when the writer ended or was abandoned: whatever is still queued is dropped. */
  private volatile boolean stopped;

  private final Object progress = new Object();

  private AuditTrail(Builder b) {
    this.dataSource = b.dataSource;
    this.dialect = b.dialect;
    this.table = b.table;
    this.clock = b.clock;
    this.capacity = b.capacity;
    this.batchSize = Math.min(b.batchSize, b.capacity);
    this.flushNanos = b.flushInterval.toNanos();
    this.closeTimeoutNanos = b.closeTimeout.toNanos();
    this.queryTimeoutSeconds = b.queryTimeoutSeconds;
    this.maxRejectionsPerSecond = b.maxRejectionsPerSecond;
    this.insertSql =
        "INSERT INTO "
            + table
            + " (occurred_at, provider, outcome, key_id, tenant, remote_address, path,"
            + " elapsed_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    this.writer = new Thread(this::run, "hookverify-audit-" + table);
    writer.setDaemon(true);
  }

  /** A builder for a trail that writes to {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** The DDL that creates this trail's table and index, for its dialect and table name. */
  public String createTableSql() {
    String resource = "/dev/hookverify/audit/" + dialect.ddlResource;
    try (InputStream in = AuditTrail.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      String ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // An index is named without a schema: it lives in its table's.
      String unqualified = table.substring(table.indexOf('.') + 1);
      return ddl.replace(DEFAULT_TABLE + "_occurred_at", unqualified + "_occurred_at")
          .replace(DEFAULT_TABLE + " ", table + " ")
          .replace(DEFAULT_TABLE + "\n", table + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The table written to, as configured. */
  public String table() {
    return table;
  }

  /**
   * Queues {@code event} to be recorded, or counts it as dropped or sampled out. Never blocks,
   * never waits on the database, never throws.
   */
  @Override
  public void onVerification(VerificationEvent event) {
    try {
      if (closed || event == null) {
        dropped.increment();
        return;
      }
      if (!event.isAccepted() && !withinRejectionBudget()) {
        sampledOut.increment();
        return;
      }
      int queued;
      do {
        queued = pending.get();
        if (queued >= capacity) {
          dropped.increment(); // under a flood a plain read, no write: the queue is full
          return;
        }
      } while (!pending.compareAndSet(queued, queued + 1));
      queued++;
      AuditRecord record;
      try {
        record = new AuditRecord(clock.instant(), event);
      } catch (RuntimeException e) {
        pending.decrementAndGet(); // a clock that throws: the record cannot be made
        dropped.increment();
        return;
      }
      queue.offer(record);
      enqueued.increment();
      if (queued == batchSize) {
        LockSupport.unpark(writer); // a full batch waits: write it now, not at the interval
      }
      if (stopped) {
        discardQueued(); // the writer is gone; nothing may stay queued uncounted
      }
    } catch (RuntimeException e) {
      dropped.increment(); // observing must never change an outcome
    }
  }

  /** Whether one more rejection may be recorded in the current second. */
  private boolean withinRejectionBudget() {
    if (maxRejectionsPerSecond == Integer.MAX_VALUE) {
      return true;
    }
    long second = System.nanoTime() / SECOND;
    long current = rejectionSecond.get();
    if (current != second && rejectionSecond.compareAndSet(current, second)) {
      rejectionsThisSecond.set(0);
    }
    if (rejectionsThisSecond.get() >= maxRejectionsPerSecond) {
      return false; // a plain read: once the budget is spent, a flood writes nothing shared
    }
    return rejectionsThisSecond.incrementAndGet() <= maxRejectionsPerSecond;
  }

  /** Records written to the table. */
  public long written() {
    return written.get();
  }

  /**
   * Records dropped without being written: the queue was full, or the trail was closed (or its
   * writer abandoned) when they came.
   */
  public long dropped() {
    return dropped.sum();
  }

  /** Records lost because the database refused their batch or gave no connection. */
  public long failed() {
    return failed.get();
  }

  /** Rejected attempts not recorded because the second's rejection budget was spent. */
  public long sampledOut() {
    return sampledOut.sum();
  }

  /** Records queued and not yet taken by the writer; never more than the capacity. */
  public int pending() {
    return pending.get();
  }

  /** The most records queued at once. */
  public int capacity() {
    return capacity;
  }

  /**
   * Writes every record queued before this call without waiting for a full batch, and waits until
   * each is written or failed.
   *
   * @return whether they were, within {@code timeout}; false if the thread was interrupted
   */
  public boolean flush(Duration timeout) {
    requireNonNull(timeout, "timeout");
    long target = enqueued.sum();
    long deadline = System.nanoTime() + timeout.toNanos();
    flushRequested = true;
    LockSupport.unpark(writer);
    synchronized (progress) {
      while (settled() < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || stopped) {
          return settled() >= target;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(progress, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  /** Records taken from the queue and accounted for: written, failed or discarded. */
  private long settled() {
    return written.get() + failed.get() + discarded.get();
  }

  /**
   * Stops taking records, writes what is queued within the close timeout (default 10 seconds) and
   * stops the writer. Records still queued after the timeout are counted as dropped; a batch the
   * database is still busy with when it expires is counted when its statement returns. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(writer);
    boolean interrupted = false;
    long deadline = System.nanoTime() + closeTimeoutNanos;
    while (writer.isAlive()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        TimeUnit.NANOSECONDS.timedJoin(writer, left);
      } catch (InterruptedException e) {
        interrupted = true;
        break;
      }
    }
    if (writer.isAlive()) {
      stopped = true;
      writer.interrupt(); // a driver that honours interrupts gives the connection up now
    }
    discardQueued();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Drops and counts everything queued: the writer will take nothing more. */
  private void discardQueued() {
    AuditRecord record;
    while ((record = queue.poll()) != null) {
      pending.decrementAndGet();
      dropped.increment();
      discarded.incrementAndGet();
    }
    synchronized (progress) {
      progress.notifyAll();
    }
  }

  private void start() {
    writer.start();
  }

  /** The writer: a batch when one is full, at the flush interval, on flush() and on close(). */
  private void run() {
    AuditRecord[] batch = new AuditRecord[batchSize];
    long due = System.nanoTime() + flushNanos;
    try {
      while (!stopped) {
        boolean closing = closed;
        boolean flushing = flushRequested;
        long now = System.nanoTime();
        if (!closing && !flushing && pending.get() < batchSize && now - due < 0) {
          LockSupport.parkNanos(this, due - now);
          if (Thread.interrupted() && stopped) {
            return;
          }
          continue;
        }
        if (flushing) {
          flushRequested = false; // cleared before draining: a later flush() is seen next turn
        }
        int n = drain(batch);
        boolean ok = n == 0 || write(batch, n);
        Arrays.fill(batch, 0, n, null);
        synchronized (progress) {
          progress.notifyAll();
        }
        if (n < batchSize) {
          due = System.nanoTime() + flushNanos; // the queue is empty: wait for the next batch
          if (closing && queue.isEmpty()) {
            return;
          }
        }
        if (!ok && !closing) {
          pauseAfterFailure();
          due = System.nanoTime() + flushNanos;
        }
      }
    } finally {
      stopped = true;
      discardQueued(); // a record queued while the writer ended is counted, not stranded
    }
  }

  /**
   * Waits one flush interval after a failed batch, so a failing database is asked at most once per
   * interval: a full queue's wake-ups are ignored; only close() and flush() cut the wait short.
   */
  private void pauseAfterFailure() {
    long until = System.nanoTime() + flushNanos;
    for (long left = flushNanos; left > 0; left = until - System.nanoTime()) {
      if (closed || stopped || flushRequested) {
        return;
      }
      LockSupport.parkNanos(this, left);
    }
  }

  private int drain(AuditRecord[] batch) {
    int n = 0;
    AuditRecord record;
    while (n < batch.length && (record = queue.poll()) != null) {
      pending.decrementAndGet();
      batch[n++] = record;
    }
    return n;
  }

  /** Inserts {@code batch[0..n)} in one transaction; counts them written or failed. */
  private boolean write(AuditRecord[] batch, int n) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      try {
        if (autoCommit) {
          c.setAutoCommit(false);
        }
        try (PreparedStatement s = c.prepareStatement(insertSql)) {
          s.setQueryTimeout(queryTimeoutSeconds);
          for (int i = 0; i < n; i++) {
            bind(s, batch[i]);
            s.addBatch();
          }
          s.executeBatch();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      } finally {
        if (autoCommit) {
          restoreAutoCommit(c);
        }
      }
      written.addAndGet(n);
      return true;
    } catch (SQLException | RuntimeException e) {
      failed.addAndGet(n); // no retry: the records are dropped and counted, memory stays bounded
      return false;
    }
  }

  private static void bind(PreparedStatement s, AuditRecord r) throws SQLException {
    s.setObject(1, OffsetDateTime.ofInstant(r.occurredAt, ZoneOffset.UTC));
    s.setString(2, r.provider);
    s.setString(3, r.outcome);
    setNullable(s, 4, r.keyId);
    setNullable(s, 5, r.tenant);
    setNullable(s, 6, r.remoteAddress);
    s.setString(7, r.path);
    s.setLong(8, r.elapsedMicros);
  }

  private static void setNullable(PreparedStatement s, int index, String value)
      throws SQLException {
    if (value == null) {
      s.setNull(index, Types.VARCHAR);
    } else {
      s.setString(index, value);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // The connection is likely broken; the batch is counted as failed either way.
    }
  }

  private static void restoreAutoCommit(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException ignored) {
      // A broken connection; the pool discards it.
    }
  }

  @Override
  public String toString() {
    return "AuditTrail{" + dialect + ", " + table + ", capacity=" + capacity + "}";
  }

  /** Builds an {@link AuditTrail}; checks each input at once. Not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private Dialect dialect = Dialect.POSTGRESQL;
    private String table = DEFAULT_TABLE;
    private Clock clock = Clock.systemUTC();
    private int capacity = DEFAULT_CAPACITY;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private int queryTimeoutSeconds = 5;
    private int maxRejectionsPerSecond = DEFAULT_MAX_REJECTIONS_PER_SECOND;

    private Builder(DataSource dataSource) {
      this.dataSource = requireNonNull(dataSource, "dataSource");
    }

    /** The database's DDL; default {@link Dialect#POSTGRESQL}. */
    public Builder dialect(Dialect dialect) {
      this.dialect = requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * The table, optionally schema-qualified; default {@code hookverify_audit}.
     *
     * @throws IllegalArgumentException if it is not a plain SQL identifier
     */
    public Builder table(String table) {
      requireNonNull(table, "table");
      if (!table.matches("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?")) {
        throw new IllegalArgumentException("table must be a plain SQL identifier");
      }
      this.table = table;
      return this;
    }

    /** The clock each record's {@code occurred_at} is read from; default system UTC. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The most records queued at once; default {@value AuditTrail#DEFAULT_CAPACITY}. Beyond it,
     * records are dropped and counted.
     *
     * @throws IllegalArgumentException if not between 1 and 10,000,000
     */
    public Builder capacity(int capacity) {
      if (capacity < 1 || capacity > 10_000_000) {
        throw new IllegalArgumentException("capacity must be between 1 and 10,000,000");
      }
      this.capacity = capacity;
      return this;
    }

    /**
     * The most rows inserted per transaction; default {@value AuditTrail#DEFAULT_BATCH_SIZE}, and
     * never more than the capacity.
     *
     * @throws IllegalArgumentException if not between 1 and 10,000
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > 10_000) {
        throw new IllegalArgumentException("batchSize must be between 1 and 10,000");
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * The longest a record waits to be written when fewer than a batch are queued, and the pause
     * after a failed batch; default 1 second.
     *
     * @throws IllegalArgumentException if not between 1 millisecond and 1 hour
     */
    public Builder flushInterval(Duration interval) {
      requireNonNull(interval, "interval");
      if (interval.compareTo(Duration.ofMillis(1)) < 0
          || interval.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("flushInterval must be between 1 ms and 1 hour");
      }
      this.flushInterval = interval;
      return this;
    }

    /**
     * How long {@link AuditTrail#close()} waits for the queue to be written; default 10 seconds.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder closeTimeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("closeTimeout is negative");
      }
      this.closeTimeout = timeout;
      return this;
    }

    /**
     * How long one batch insert may run before it fails; default 5 seconds.
     *
     * @throws IllegalArgumentException if less than 1 second
     */
    public Builder queryTimeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      if (timeout.getSeconds() < 1) {
        throw new IllegalArgumentException("query timeout must be at least 1 second");
      }
      this.queryTimeoutSeconds = (int) Math.min(Integer.MAX_VALUE, timeout.getSeconds());
      return this;
    }

    /**
     * The most rejected attempts recorded per second; the rest are counted in {@link
     * AuditTrail#sampledOut()}. Default {@value AuditTrail#DEFAULT_MAX_REJECTIONS_PER_SECOND};
     * {@link Integer#MAX_VALUE} records every rejection (a flood is then bounded by the capacity
     * and the writer alone); 0 records none.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxRejectionsPerSecond(int max) {
      if (max < 0) {
        throw new IllegalArgumentException("maxRejectionsPerSecond is negative");
      }
      this.maxRejectionsPerSecond = max;
      return this;
    }

    /** The trail, its writer thread started. */
    public AuditTrail build() {
      AuditTrail trail = new AuditTrail(this);
      trail.start();
      return trail;
    }
  }
}
