package dev.hookverify.inbox;

import static java.util.Objects.requireNonNull;

import dev.hookverify.idempotency.Claim;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A pool of worker threads that lease due deliveries from a {@link DeliveryInbox}, run the {@link
 * DeliveryHandler}, and complete, retry (with a {@link RetryPolicy}) or bury each one. Several
 * pools, in one process or many, may share one inbox table: a delivery is leased to one pool at a
 * time, and the lease ends by itself if that pool dies.
 *
 * <pre>{@code
 * InboxWorkers workers =
 *     InboxWorkers.builder(inbox, delivery -> orders.upsert(delivery.deliveryKey(), delivery.body()))
 *         .threads(8)
 *         .lease(Duration.ofMinutes(2)) // longer than the slowest handler run
 *         .retry(RetryPolicy.DEFAULT)
 *         .start();
 * // ... at shutdown:
 * workers.close();
 * }</pre>
 *
 * <p>The handler runs on up to {@code threads} threads at once, so it must be thread-safe.
 *
 * <p>One dispatcher thread leases at most as many deliveries as there are idle handler threads, so
 * a leased delivery starts at once and its lease only has to cover one handler run. Each delivery
 * leased ends in one of three ways:
 *
 * <ul>
 *   <li>the handler returns: the delivery is {@link DeliveryStatus#COMPLETED};
 *   <li>the handler throws anything, {@link Error}s included (a body that overflows the stack or
 *       the heap is a poison message like any other, and the worker thread survives it): the next
 *       attempt is due after the {@link RetryPolicy}'s delay on the inbox's clock, or the delivery
 *       is {@link DeliveryStatus#DEAD} after the last attempt. A delivery that always fails is
 *       tried exactly {@link RetryPolicy#maxAttempts()} times, never in a loop;
 *   <li>its attempt number is already past the maximum (earlier workers leased it and died, or
 *       overran their lease, that many times): it is buried without running, so a delivery that
 *       crashes or hangs every process that runs it stops after the maximum too.
 * </ul>
 *
 * <p>Processing is at least once. A lease must be longer than the slowest handler run: a handler
 * still running when its lease ends may be run again by another pool at the same time, and the slow
 * run's outcome is dropped if another worker took the delivery over. (This pool never starts a
 * delivery one of its threads still runs: when it leases such a delivery again, the running
 * handler's outcome is recorded under the newer lease.) Handlers that may block (network calls)
 * should bound their own time; a handler that blocks forever keeps its thread, and the delivery is
 * buried once take-overs exhaust its attempts. A run longer than the lease is logged.
 *
 * <p>Idle workers look for due deliveries every {@link Builder#pollInterval poll interval}, and at
 * once when the inbox accepts a delivery in this process or, with {@link Builder#notifications},
 * PostgreSQL notifies that any process accepted one (at most one lease query per accepted delivery
 * and pool, coalesced while the pool is busy: no herd beyond one query per pool). When the database
 * fails, the dispatcher logs it (the inbox's message, never a body or key) and backs off, doubling
 * from the poll interval up to 30 s, so a pool survives a database restart; an outcome that cannot
 * be recorded is retried until the lease ends, after which the delivery is taken over and run
 * again. All times that reach the database come from the inbox's clock: clocks of processes sharing
 * a table must be synchronized (NTP), and a lease should exceed the slowest handler by more than
 * their skew.
 *
 * <p>{@link #close()} stops leasing, interrupts nothing, and waits up to the shutdown timeout for
 * running handlers; a delivery still running then stays leased and is taken over when its lease
 * ends. Threads are daemon threads named {@code hookverify-inbox-<workerId>-…}, so an exiting JVM
 * does not wait for them (nothing is lost: leases expire).
 *
 * <p>Thread-safe. Logs through {@link System.Logger} {@code dev.hookverify.inbox.InboxWorkers}.
 */
public final class InboxWorkers implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(InboxWorkers.class.getName());
  private static final Duration MAX_DATABASE_BACKOFF = Duration.ofSeconds(30);
  private static final int MAX_ERROR_CHARS = 1000;
  private static final Pattern WORKER_ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");

  private final DeliveryInbox inbox;
  private final DeliveryHandler handler;
  private final int threads;
  private final int batchSize;
  private final Duration lease;
  private final RetryPolicy retry;
  private final Duration pollInterval;
  private final Duration shutdownTimeout;
  private final String workerId;
  private final String owner;
  private final ThreadPoolExecutor handlers;
  private final Thread dispatcher;
  private final InboxListener listener; // null without notifications
  private final Thread listenerThread;

  /**
   * Row id to the newest lease this pool holds, for each delivery whose handler runs here now: a
   * delivery is never started twice at once here.
   */
  private final ConcurrentHashMap<Long, StoredDelivery> running = new ConcurrentHashMap<>();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private int busy; // guarded by lock: handler runs started and not finished
  // Set without the lock by wake() (an accepting thread), cleared under it by the dispatcher.
  private volatile Runnable stopWaking = () -> {}; // unregisters this pool's wake from the inbox
  private volatile boolean woken; // a delivery was accepted since the last lease query
  private boolean closing; // guarded by lock
  private volatile long closeDeadlineNanos;

  private final LongAdder completed = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder buried = new LongAdder();

  private InboxWorkers(Builder b) {
    this.inbox = b.inbox;
    this.handler = b.handler;
    this.threads = b.threads;
    this.batchSize = b.batchSize;
    this.lease = b.lease;
    this.retry = b.retry;
    this.pollInterval = b.pollInterval;
    this.shutdownTimeout = b.shutdownTimeout;
    this.workerId = b.workerId;
    // One owner for the pool: the database tells pools apart; `running` tells threads apart.
    this.owner = workerId + ":" + Claim.newToken();
    AtomicInteger n = new AtomicInteger();
    this.handlers =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), // never holds more than `threads`: see awaitIdleHandler
            r -> daemon(r, "hookverify-inbox-" + workerId + "-" + n.incrementAndGet()));
    this.dispatcher = daemon(this::dispatch, "hookverify-inbox-" + workerId + "-dispatcher");
    if (b.notifications == null) {
      this.listener = null;
      this.listenerThread = null;
    } else {
      this.listener = new InboxListener(b.notifications, inbox.channel(), this::wake, workerId);
      this.listenerThread = daemon(listener, "hookverify-inbox-" + workerId + "-listener");
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** A builder for workers that process {@code inbox}'s deliveries with {@code handler}. */
  public static Builder builder(DeliveryInbox inbox, DeliveryHandler handler) {
    return new Builder(inbox, handler);
  }

  /** How many deliveries this pool completed. */
  public long completed() {
    return completed.sum();
  }

  /** How many handler runs failed (each retried or buried). */
  public long failed() {
    return failed.sum();
  }

  /** How many deliveries this pool marked dead, after failures or without running. */
  public long buried() {
    return buried.sum();
  }

  /** How many handlers are running now. */
  public int running() {
    return running.size();
  }

  /**
   * Stops leasing and waits up to the builder's shutdown timeout for running handlers, interrupting
   * none. A delivery whose handler is still running afterwards stays leased and is taken over by
   * another worker when its lease ends: nothing is lost. Later calls return at once.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closing) {
        return;
      }
      closing = true;
      closeDeadlineNanos = System.nanoTime() + shutdownTimeout.toNanos();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    stopWaking.run();
    if (listener != null) {
      listener.stop();
    }
    try {
      // The dispatcher may be inside a lease query; what it leased it still hands to a handler.
      dispatcher.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos())));
      if (listenerThread != null) {
        listenerThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos())));
      }
      handlers.shutdown();
      if (!handlers.awaitTermination(remainingNanos(), TimeUnit.NANOSECONDS)) {
        LOG.log(
            Level.WARNING,
            "inbox workers {0}: {1} handler(s) still running after the shutdown timeout;"
                + " their deliveries are taken over when the lease ends",
            workerId,
            running.size());
      }
    } catch (InterruptedException e) {
      handlers.shutdown();
      Thread.currentThread().interrupt();
    }
  }

  private long remainingNanos() {
    return Math.max(0, closeDeadlineNanos - System.nanoTime());
  }

  /**
   * Wakes the dispatcher if it waits for work (a delivery was accepted). Called on accepting
   * threads: a wake that finds one pending returns without taking the lock.
   */
  private void wake() {
    if (woken) {
      return; // coalesced: the dispatcher has not queried since the last wake
    }
    woken = true;
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Whether the PostgreSQL listener has a LISTEN in place (for tests). */
  boolean isListening() {
    return listener != null && listener.isListening();
  }

  private void start() {
    stopWaking = inbox.onAccepted(this::wake);
    handlers.prestartAllCoreThreads();
    dispatcher.start();
    if (listenerThread != null) {
      listenerThread.start();
    }
  }

  // --- The dispatcher thread ---

  private void dispatch() {
    int failures = 0;
    while (true) {
      int idle = awaitIdleHandler();
      if (idle == 0) {
        return; // closing
      }
      int want = Math.min(idle, batchSize);
      int leased;
      try {
        leased = leaseAndHand(want);
        failures = 0;
      } catch (InboxException | RuntimeException | Error e) {
        // A database restart, or a bug: neither may stop the pool. What was leased and not
        // handed over yet is taken over when its lease ends.
        failures++;
        Duration backoff = databaseBackoff(failures);
        logFailure("leasing deliveries failed; retrying in " + backoff.toMillis() + " ms", e);
        awaitClosing(backoff);
        continue;
      }
      if (leased < want) {
        awaitWake(pollInterval); // the inbox had no more due deliveries
      }
    }
  }

  /** Leases up to {@code max} due deliveries and hands each to a handler; returns how many. */
  private int leaseAndHand(int max) throws InboxException {
    List<StoredDelivery> leased = inbox.lease(owner, max, lease);
    for (StoredDelivery d : leased) {
      hand(d);
    }
    return leased.size();
  }

  /** The number of idle handler threads once there is one, or 0 when closing. */
  private int awaitIdleHandler() {
    lock.lock();
    try {
      while (!closing && busy >= threads) {
        changed.awaitUninterruptibly();
      }
      woken = false; // the lease query about to run sees every delivery accepted before now
      return closing ? 0 : threads - busy;
    } finally {
      lock.unlock();
    }
  }

  private void awaitWake(Duration timeout) {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (!closing && !woken && nanos > 0) {
        nanos = changed.awaitNanos(nanos);
      }
    } catch (InterruptedException e) {
      // Only close() stops the dispatcher; an interrupt from elsewhere just ends this wait.
    } finally {
      lock.unlock();
    }
  }

  private void awaitClosing(Duration timeout) {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (!closing && nanos > 0) {
        nanos = changed.awaitNanos(nanos);
      }
    } catch (InterruptedException e) {
      // As in awaitWake.
    } finally {
      lock.unlock();
    }
  }

  /** The poll interval doubled per consecutive failure, at most 30 s, less up to half (jitter). */
  private Duration databaseBackoff(int failures) {
    long cap = Math.max(pollInterval.toMillis(), MAX_DATABASE_BACKOFF.toMillis());
    long doubled = pollInterval.toMillis() << Math.min(failures - 1, 20);
    long millis = Math.min(cap, doubled);
    return Duration.ofMillis(
        millis - (long) (millis * 0.5 * ThreadLocalRandom.current().nextDouble()));
  }

  /** Gives a leased delivery to a handler thread, or buries it unrun. */
  private void hand(StoredDelivery d) {
    if (d.attempt() > retry.maxAttempts()) {
      buryUnrun(d);
      return;
    }
    boolean[] fresh = {false};
    running.compute(
        d.id(),
        (id, older) -> {
          fresh[0] = older == null;
          return d; // a run still going here settles with this newer lease
        });
    if (!fresh[0]) {
      LOG.log(
          Level.WARNING,
          "inbox workers {0}: delivery {1} still runs here past its lease ({2}); not started"
              + " twice. Raise the lease above the slowest handler",
          workerId,
          d.id(),
          lease);
      return;
    }
    lock.lock();
    try {
      busy++;
    } finally {
      lock.unlock();
    }
    try {
      handlers.execute(() -> process(d));
    } catch (RejectedExecutionException e) {
      // close() gave up waiting for the dispatcher: the delivery stays leased and is taken over.
      running.remove(d.id(), d);
      idle();
    }
  }

  /** Buries a delivery whose attempts were used up by runs that left no outcome. */
  private void buryUnrun(StoredDelivery d) {
    String why =
        "not run: attempt "
            + d.attempt()
            + " of at most "
            + retry.maxAttempts()
            + " (earlier runs' leases ended without an outcome)";
    if (settle(d, "bury", () -> inbox.bury(d, owner, why)) == Settled.YES) {
      buried.increment();
      LOG.log(Level.WARNING, "inbox workers {0}: delivery {1} is dead: {2}", workerId, d.id(), why);
    }
  }

  // --- The handler threads ---

  private void process(StoredDelivery d) {
    try {
      long started = System.nanoTime();
      Throwable failure = null;
      try {
        handler.handle(d);
      } catch (Throwable t) {
        failure = t;
      }
      Thread.interrupted(); // a handler's interrupt must not fail recording its outcome
      long elapsedNanos = System.nanoTime() - started;
      if (elapsedNanos > lease.toNanos()) {
        LOG.log(
            Level.WARNING,
            "inbox workers {0}: delivery {1} ran {2} ms, longer than the lease ({3});"
                + " another worker may have run it too. Raise the lease",
            workerId,
            d.id(),
            TimeUnit.NANOSECONDS.toMillis(elapsedNanos),
            lease);
      }
      if (failure != null) {
        failed.increment();
      }
      // Record with the newest lease this pool holds: the dispatcher may have leased the
      // delivery again while the handler overran; a newer lease arriving while we record
      // means the record failed, so record again with it.
      while (true) {
        StoredDelivery held = running.get(d.id());
        Settled settled = failure == null ? complete(held) : fail(held, failure);
        if (running.remove(d.id(), held)) {
          if (settled == Settled.TAKEN_OVER) {
            LOG.log(
                Level.WARNING,
                "inbox workers {0}: delivery {1} was taken over by another worker; its outcome"
                    + " here is dropped",
                workerId,
                d.id());
          }
          break;
        }
        if (settled == Settled.YES) {
          // The newer lease came after this outcome was recorded (a retry due at once): it is a
          // new attempt, which hand() did not start while this run finished. Start it now.
          StoredDelivery newer = running.remove(d.id());
          if (newer != null) {
            hand(newer);
          }
          break;
        }
      }
    } catch (RuntimeException e) {
      // A broken clock, say: the delivery stays leased and is taken over when the lease ends.
      running.remove(d.id());
      logFailure("delivery " + d.id() + " could not be processed", e);
    } catch (Error e) {
      running.remove(d.id());
      throw e;
    } finally {
      idle();
    }
  }

  private Settled complete(StoredDelivery d) {
    Settled settled = settle(d, "complete", () -> inbox.complete(d, owner));
    if (settled == Settled.YES) {
      completed.increment();
    }
    return settled;
  }

  private Settled fail(StoredDelivery d, Throwable failure) {
    String error = describe(failure);
    // Logs name the exception's class only: its message may quote the body; the row keeps it.
    if (retry.isLast(d.attempt())) {
      Settled settled = settle(d, "bury", () -> inbox.bury(d, owner, error));
      if (settled == Settled.YES) {
        buried.increment();
        LOG.log(
            Level.WARNING,
            "inbox workers {0}: delivery {1} is dead after attempt {2}: {3}",
            workerId,
            d.id(),
            d.attempt(),
            failure.getClass().getName());
      }
      return settled;
    }
    Duration delay = retry.delayAfter(d.attempt(), ThreadLocalRandom.current().nextDouble());
    Instant next = inbox.clock().instant().plus(delay);
    Settled settled = settle(d, "retry", () -> inbox.retryAt(d, owner, next, error));
    if (settled == Settled.YES) {
      LOG.log(
          failure instanceof Error ? Level.ERROR : Level.INFO,
          "inbox workers {0}: delivery {1} attempt {2} failed ({3}); next attempt in {4}",
          workerId,
          d.id(),
          d.attempt(),
          failure.getClass().getName(),
          delay);
    }
    return settled;
  }

  /** How recording an outcome went. */
  private enum Settled {
    /** Recorded. */
    YES,
    /** The lease was no longer this one: another worker took the delivery over. */
    TAKEN_OVER,
    /** The database failed until the lease ended (or close() gave up). */
    FAILED
  }

  /** A statement that records an outcome: true if the lease was still the one given. */
  private interface Outcome {
    boolean record() throws InboxException;
  }

  /**
   * Records an outcome, retrying database failures until the lease ends (by then another worker may
   * have taken the delivery over) or close() stops waiting.
   */
  private Settled settle(StoredDelivery d, String what, Outcome outcome) {
    long deadline = System.nanoTime() + lease.toNanos();
    for (int failures = 1; ; failures++) {
      try {
        return outcome.record() ? Settled.YES : Settled.TAKEN_OVER;
      } catch (InboxException | RuntimeException e) {
        long left = deadline - System.nanoTime();
        boolean closing = isClosing();
        if (closing) {
          left = Math.min(left, remainingNanos());
        }
        if (left <= 0) {
          logFailure(
              "could not " + what + " delivery " + d.id() + "; it runs again after its lease", e);
          return Settled.FAILED;
        }
        Duration backoff = databaseBackoff(failures);
        logFailure(
            what + " delivery " + d.id() + " failed; retrying in " + backoff.toMillis() + " ms", e);
        try {
          Thread.sleep(Math.min(backoff.toMillis(), TimeUnit.NANOSECONDS.toMillis(left) + 1));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return Settled.FAILED;
        }
      }
    }
  }

  private boolean isClosing() {
    lock.lock();
    try {
      return closing;
    } finally {
      lock.unlock();
    }
  }

  /** A handler thread is free again. */
  private void idle() {
    lock.lock();
    try {
      busy--;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void logFailure(String what, Throwable e) {
    // The inbox's messages carry no key, body or secret; other throwables show their class only.
    String detail =
        e instanceof InboxException
            ? e.getMessage()
                + (e.getCause() == null ? "" : " (" + e.getCause().getClass().getName() + ")")
            : e.getClass().getName();
    LOG.log(Level.WARNING, "inbox workers {0}: {1}: {2}", workerId, what, detail);
  }

  /** The failure as the inbox records it: class and message, at most 1000 characters. */
  static String describe(Throwable t) {
    String message;
    try {
      message = t.getMessage();
    } catch (RuntimeException e) {
      message = null; // a hostile exception cannot stop its delivery from being recorded
    }
    String s = message == null ? t.getClass().getName() : t.getClass().getName() + ": " + message;
    if (s.length() <= MAX_ERROR_CHARS) {
      return s;
    }
    int end = MAX_ERROR_CHARS;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--; // never split a surrogate pair
    }
    return s.substring(0, end);
  }

  /** Builds and starts {@link InboxWorkers}; checks each input at once. Not thread-safe. */
  public static final class Builder {
    private final DeliveryInbox inbox;
    private final DeliveryHandler handler;
    private int threads = 4;
    private int batchSize = 16;
    private Duration lease = Duration.ofMinutes(5);
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private String workerId = "workers";
    private DataSource notifications;

    private Builder(DeliveryInbox inbox, DeliveryHandler handler) {
      this.inbox = requireNonNull(inbox, "inbox");
      this.handler = requireNonNull(handler, "handler");
    }

    /**
     * How many handlers run at once, each on its own thread; default 4.
     *
     * @throws IllegalArgumentException if {@code threads} is not between 1 and 1024
     */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 1024) {
        throw new IllegalArgumentException("threads must be between 1 and 1024");
      }
      this.threads = threads;
      return this;
    }

    /**
     * The most deliveries one lease query takes; default 16. A query never takes more than there
     * are idle threads.
     *
     * @throws IllegalArgumentException if {@code batchSize} is not between 1 and 1000
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > 1000) {
        throw new IllegalArgumentException("batchSize must be between 1 and 1000");
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * How long a leased delivery is this pool's before another worker may take it over; default 5
     * minutes. Make it longer than the slowest handler run, plus the clock skew between processes.
     *
     * @throws IllegalArgumentException if {@code lease} is shorter than 1 ms or longer than 100
     *     years
     */
    public Builder lease(Duration lease) {
      this.lease = checked(lease, "lease", Duration.ofMillis(1), RetryPolicy.LONGEST);
      return this;
    }

    /** When to try again after a failure, and how many attempts before a delivery is dead. */
    public Builder retry(RetryPolicy retry) {
      this.retry = requireNonNull(retry, "retry");
      return this;
    }

    /**
     * How often idle workers look for due deliveries (retries come due, other processes accept);
     * default 1 s. Deliveries accepted by this process's inbox wake them at once.
     *
     * @throws IllegalArgumentException if {@code interval} is shorter than 1 ms or longer than 1 h
     */
    public Builder pollInterval(Duration interval) {
      this.pollInterval =
          checked(interval, "pollInterval", Duration.ofMillis(1), Duration.ofHours(1));
      return this;
    }

    /**
     * How long {@link InboxWorkers#close()} waits for running handlers; default 30 s.
     *
     * @throws IllegalArgumentException if {@code timeout} is negative or longer than 1 h
     */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout =
          checked(timeout, "shutdownTimeout", Duration.ZERO, Duration.ofHours(1));
      return this;
    }

    /**
     * A name for this pool in thread names, logs and the lease owner recorded in the inbox (with a
     * random suffix, so pools never share a lease); default {@code workers}.
     *
     * @throws IllegalArgumentException unless 1 to 32 letters, digits, dots, dashes or underscores
     */
    public Builder workerId(String workerId) {
      requireNonNull(workerId, "workerId");
      if (!WORKER_ID.matcher(workerId).matches()) {
        throw new IllegalArgumentException(
            "workerId must be 1 to 32 letters, digits, '.', '-' or '_'");
      }
      this.workerId = workerId;
      return this;
    }

    /**
     * Wakes idle workers as soon as any process accepts a delivery, through PostgreSQL {@code
     * LISTEN} on the inbox's channel (the table name in lower case), on one connection of {@code
     * dataSource} held for as long as the workers run; default none (polling, and wakes from this
     * process's inbox only). Give it a dedicated data source, not the application's pool (the
     * connection is held for good) and not a transaction-pooling proxy such as PgBouncer's
     * transaction mode (LISTEN needs a session). Needs the pgjdbc driver; with any other, or while
     * the connection is down, the workers poll as without it. Each notification costs each
     * listening pool at most one lease query.
     *
     * @throws IllegalArgumentException if the inbox's dialect is not {@link
     *     DeliveryInbox.Dialect#POSTGRESQL}
     */
    public Builder notifications(DataSource dataSource) {
      requireNonNull(dataSource, "dataSource");
      if (inbox.dialect() != DeliveryInbox.Dialect.POSTGRESQL) {
        throw new IllegalArgumentException("notifications need the POSTGRESQL dialect");
      }
      this.notifications = dataSource;
      return this;
    }

    private static Duration checked(Duration d, String what, Duration min, Duration max) {
      requireNonNull(d, what);
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw new IllegalArgumentException(what + " must be between " + min + " and " + max);
      }
      return d;
    }

    /**
     * Starts the workers: one dispatcher thread, {@code threads} handler threads, and a listener
     * thread with {@link #notifications}.
     */
    public InboxWorkers start() {
      InboxWorkers workers = new InboxWorkers(this);
      workers.start();
      return workers;
    }
  }
}
