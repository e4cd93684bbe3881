package dev.hookverify.inbox;

import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * Wakes a pool's dispatcher when PostgreSQL delivers a NOTIFY on the inbox's channel (sent by
 * {@link DeliveryInbox#accept} in any process): one dedicated connection that LISTENs, read through
 * pgjdbc's {@code PGConnection.getNotifications(int)} by reflection, since core depends on no
 * driver. Any failure (another driver, the database gone) falls back to polling: the listener
 * reconnects with backoff, or stops for good if the driver cannot deliver notifications.
 *
 * <p>Runs on its own thread until {@link #stop()}; waking is idempotent and coalesced by the pool.
 */
final class InboxListener implements Runnable {
  private static final System.Logger LOG = System.getLogger(InboxWorkers.class.getName());

  /** How long one wait for notifications lasts: bounds how long stop() takes to be seen. */
  private static final int WAIT_MILLIS = 250;

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final DataSource dataSource;
  private final String channel;
  private final Runnable wake;
  private final String workerId;
  private final Object lock = new Object();
  private volatile boolean stopped;
  private volatile boolean listening;

  InboxListener(DataSource dataSource, String channel, Runnable wake, String workerId) {
    this.dataSource = dataSource;
    this.channel = channel;
    this.wake = wake;
    this.workerId = workerId;
  }

  /** Whether a LISTEN is in place now (for tests). */
  boolean isListening() {
    return listening;
  }

  void stop() {
    stopped = true;
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  @Override
  public void run() {
    int failures = 0;
    while (!stopped) {
      try (Connection c = dataSource.getConnection()) {
        Method getNotifications = notificationsMethod(c);
        Object pg = c.unwrap(getNotifications.getDeclaringClass());
        if (!c.getAutoCommit()) {
          c.setAutoCommit(true); // LISTEN takes effect at commit; notifications arrive outside
        }
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN \"" + channel + "\""); // a validated identifier, lower case
        }
        listening = true;
        failures = 0;
        // Deliveries accepted before LISTEN took effect are not missed: wake once now.
        wake.run();
        while (!stopped) {
          Object[] notes = (Object[]) getNotifications.invoke(pg, WAIT_MILLIS);
          if (notes != null && notes.length > 0) {
            wake.run();
          }
        }
        // A pooled connection must not go back still listening: its driver would buffer every
        // later notification for whoever borrows it next.
        try (Statement s = c.createStatement()) {
          s.execute("UNLISTEN *");
        }
      } catch (ReflectiveOperationException | ClassCastException e) {
        if (e instanceof InvocationTargetException ite && ite.getCause() instanceof SQLException) {
          failures = failed(failures, "the connection failed", ite.getCause());
          continue;
        }
        LOG.log(
            Level.WARNING,
            "inbox workers {0}: the driver cannot deliver PostgreSQL notifications ({1});"
                + " polling only",
            workerId,
            e.getClass().getName());
        return;
      } catch (SQLException | RuntimeException e) {
        failures = failed(failures, "LISTEN failed", e);
      } finally {
        listening = false;
      }
    }
  }

  /** pgjdbc's {@code PGConnection.getNotifications(int)}, from the connection's class loader. */
  private static Method notificationsMethod(Connection c) throws ReflectiveOperationException {
    Class<?> pgConnection =
        Class.forName("org.postgresql.PGConnection", false, c.getClass().getClassLoader());
    return pgConnection.getMethod("getNotifications", int.class);
  }

  /** Logs a failure (SQLState only) and waits before reconnecting; returns the failure count. */
  private int failed(int failures, String what, Throwable e) {
    int n = failures + 1;
    long millis = Math.min(MAX_BACKOFF.toMillis(), 100L << Math.min(n - 1, 10));
    millis -= (long) (millis * 0.5 * ThreadLocalRandom.current().nextDouble());
    String state = e instanceof SQLException sql ? " (SQLState " + sql.getSQLState() + ")" : "";
    LOG.log(
        n == 1 ? Level.WARNING : Level.DEBUG,
        "inbox workers {0}: {1}{2}; polling until LISTEN is back, retrying in {3} ms",
        workerId,
        what,
        state,
        millis);
    synchronized (lock) {
      long deadline = System.nanoTime() + millis * 1_000_000;
      long left = millis;
      while (!stopped && left > 0) {
        try {
          lock.wait(left);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          stopped = true;
        }
        left = (deadline - System.nanoTime()) / 1_000_000;
      }
    }
    return n;
  }
}
