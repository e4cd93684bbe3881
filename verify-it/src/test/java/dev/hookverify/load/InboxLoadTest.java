package dev.hookverify.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The inbox mode under concurrent load on loopback (see {@link InboxReceiver}): the shipped filter
 * in Jetty stores each verified delivery and acknowledges it at once, and two worker pools (as two
 * processes, each with its own inbox and connection pool on one PostgreSQL table) run handlers that
 * take {@code inbox.handlerMillis} (50 ms; no time for a control group of one delivery in five). Of
 * all requests about 30 % are duplicates (half racing their first send) and 10 % forgeries; 5 % of
 * deliveries have a handler that fails once ({@link Traffic}).
 *
 * <p>Proven at the end: every genuine delivery was acknowledged 2xx; its handler returned normally
 * exactly once, and ran exactly once (twice for those failing once, retried by the workers); no
 * delivery was handled by two workers at once; both pools did work; every forgery got 401 and was
 * never stored (every row is handled and no handler saw a forgery's number); the table holds one
 * COMPLETED row per genuine delivery, with 1 or 2 attempts as planned; nothing reached the servlet
 * behind the filter.
 *
 * <p><b>The acknowledgement does not wait for the handler.</b> The first sends of deliveries whose
 * handler takes 50 ms and of the control group, whose handler takes none, are sent interleaved by
 * the same clients under the same load; a filter that answered after the handler would answer the
 * first group one handler run later at every percentile. The test asserts that their median
 * acknowledgements differ by less than half a handler run. Absolute figures are not asserted: on a
 * shared 2-core machine (clients, Jetty, PostgreSQL and the workers on the same cores, and whatever
 * else runs there) they are set by CPU scheduling, whatever the handler does; the p50, p90 and p99
 * of both groups are printed, with the throughput and the time until every delivery was processed.
 *
 * <p>{@code mvn verify} runs 2,000 deliveries from 16 clients with 2 pools of 16 workers. The long
 * run, 100,000 deliveries, is {@code scripts/load-inbox} (its options are system properties: {@code
 * inbox.deliveries}, {@code inbox.clients}, {@code inbox.threads} per pool, {@code
 * inbox.handlerMillis}, {@code inbox.seed}).
 */
class InboxLoadTest {
  private static final int DELIVERIES = Integer.getInteger("inbox.deliveries", 2000);
  private static final int CLIENTS = Integer.getInteger("inbox.clients", 16);
  private static final int THREADS = Integer.getInteger("inbox.threads", 16);
  private static final long HANDLER_MILLIS = Long.getLong("inbox.handlerMillis", 50);
  private static final long SEED = Long.getLong("inbox.seed", 20261206L);
  private static final Duration DEADLINE = Duration.ofMinutes(20);

  @Test
  void everyGenuineDeliveryAcknowledgedAtOnce_processedOnce_everyForgery401AndNeverStored()
      throws Exception {
    Traffic traffic = new Traffic(DELIVERIES, SEED);
    InboxReceiver receiver =
        new InboxReceiver(traffic.verificationKeys(), CLIENTS, THREADS, HANDLER_MILLIS);
    Senders senders = new Senders(traffic, receiver::endpoint);
    try {
      long start = System.nanoTime();
      senders.run(CLIENTS, DEADLINE);
      double sent = (System.nanoTime() - start) / 1e9;
      awaitCompleted(receiver, start);
      double processed = (System.nanoTime() - start) / 1e9;
      long[] acks = Senders.sorted(senders.acknowledgements);
      long[] handled = firstAcknowledgements(senders, false);
      long[] control = firstAcknowledgements(senders, true);
      long[] byPool = receiver.stopWorkers(); // every outcome counted
      report(traffic, senders, acks, sent, processed, byPool);
      System.out.printf(
          "inbox load: first-send acknowledgements, handler %d ms: %s; control group, handler 0 ms:"
              + " %s%n",
          HANDLER_MILLIS, percentiles(handled), percentiles(control));

      // Every check runs and every failure is listed: one run shows all that is broken.
      List<String> unacknowledged = new ArrayList<>();
      List<String> notOnce = new ArrayList<>();
      for (Traffic.Delivery d : traffic.deliveries) {
        if (!senders.acknowledged.contains(d.n)) {
          unacknowledged.add(d.n + " (" + d.provider.name() + ")");
        }
        int runs = receiver.attempts(d.n);
        if (receiver.processed(d.n) != 1 || runs != (d.failsFirst ? 2 : 1)) {
          notOnce.add(
              d.n
                  + ": processed "
                  + receiver.processed(d.n)
                  + ", ran "
                  + runs
                  + (d.failsFirst ? " (fails once)" : ""));
        }
      }
      List<String> forgeriesWrong = new ArrayList<>();
      for (int i = 0; i < traffic.forgeries; i++) {
        int n = DELIVERIES + i;
        Integer status = senders.forgeryStatuses.get(n);
        if (status == null || status != 401 || receiver.attempts(n) != 0) {
          forgeriesWrong.add(n + ": " + status + ", handled " + receiver.attempts(n));
        }
      }
      long failing = traffic.failingOnce();
      SoftAssertions softly = new SoftAssertions();
      softly
          .assertThat(unacknowledged.size())
          .as("genuine deliveries never acknowledged, first: %s", first(unacknowledged))
          .isZero();
      softly
          .assertThat(notOnce.size())
          .as("deliveries not processed exactly as planned, first: %s", first(notOnce))
          .isZero();
      softly
          .assertThat(forgeriesWrong.size())
          .as("forgeries not 401 or handled, first: %s", first(forgeriesWrong))
          .isZero();
      softly.assertThat(receiver.overlapping()).as("handled by two workers at once").isEmpty();
      softly
          .assertThat(receiver.storedStatuses())
          .as("rows by status")
          .isEqualTo(Map.of("COMPLETED", DELIVERIES));
      softly
          .assertThat(receiver.storedAttempts())
          .as("rows by attempts (one lease per handler run)")
          .isEqualTo(
              failing == 0
                  ? Map.of("1", DELIVERIES)
                  : Map.of("1", DELIVERIES - (int) failing, "2", (int) failing));
      softly.assertThat(byPool[0] + byPool[1]).as("completed by the pools").isEqualTo(DELIVERIES);
      softly.assertThat(byPool).as("deliveries completed by each pool").doesNotContain(0L);
      softly.assertThat(senders.statuses.keySet()).as("statuses answered").containsOnly(200, 401);
      softly.assertThat(handled.length + control.length).isEqualTo(DELIVERIES);
      if (HANDLER_MILLIS >= 20) {
        softly
            .assertThat(
                Senders.percentileMillis(handled, 0.50) - Senders.percentileMillis(control, 0.50))
            .as("median acknowledgement with %d ms handlers minus with none, ms", HANDLER_MILLIS)
            .isLessThan(HANDLER_MILLIS / 2.0);
      }
      softly.assertAll();
    } finally {
      receiver.stop();
    }
  }

  /** The first 20 of {@code failures}: enough to start from, without printing thousands. */
  private static List<String> first(List<String> failures) {
    return failures.subList(0, Math.min(20, failures.size()));
  }

  /** The latencies of the first sends' acknowledgements, of the control group or of the others. */
  private static long[] firstAcknowledgements(Senders senders, boolean control) {
    return senders.firstAcknowledgements.entrySet().stream()
        .filter(e -> InboxReceiver.isControl(e.getKey()) == control)
        .mapToLong(Map.Entry::getValue)
        .sorted()
        .toArray();
  }

  private static String percentiles(long[] sorted) {
    return String.format(
        "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms (%d)",
        Senders.percentileMillis(sorted, 0.50),
        Senders.percentileMillis(sorted, 0.90),
        Senders.percentileMillis(sorted, 0.99),
        sorted.length);
  }

  /** Waits until every genuine delivery's row is completed, up to the deadline. */
  private static void awaitCompleted(InboxReceiver receiver, long start) throws Exception {
    long deadline = start + DEADLINE.toNanos();
    while (!receiver.storedStatuses().equals(Map.of("COMPLETED", DELIVERIES))
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private static void report(
      Traffic traffic, Senders senders, long[] acks, double sent, double processed, long[] byPool) {
    int requests = senders.latencies.size();
    System.out.printf(
        "inbox load: %d requests (%d deliveries over %d providers, %d duplicate sends,"
            + " %d forgeries, %d handlers failing once) from %d clients, 2 pools of %d workers,"
            + " handlers %d ms: sent in %.1f s (%.0f requests/s), acknowledgements p50 %.2f ms,"
            + " p90 %.2f ms, p99 %.2f ms; all processed %.1f s after the start (%.0f deliveries/s,"
            + " %.1f s after the last acknowledgement), by pool %d + %d; statuses %s%n",
        requests,
        traffic.deliveries.size(),
        Traffic.PROVIDERS.size(),
        traffic.jobs.size() - traffic.deliveries.size() - traffic.forgeries,
        traffic.forgeries,
        traffic.failingOnce(),
        CLIENTS,
        THREADS,
        HANDLER_MILLIS,
        sent,
        requests / sent,
        Senders.percentileMillis(acks, 0.50),
        Senders.percentileMillis(acks, 0.90),
        Senders.percentileMillis(acks, 0.99),
        processed,
        traffic.deliveries.size() / processed,
        processed - sent,
        byPool[0],
        byPool[1],
        new TreeMap<>(senders.statuses));
  }
}
