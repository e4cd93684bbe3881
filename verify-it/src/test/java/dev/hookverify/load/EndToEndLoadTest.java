package dev.hookverify.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The whole stack under concurrent load on loopback (see {@link Receiver}): clients send signed
 * deliveries for several providers; of all requests about 30 % are duplicates or retries and 10 %
 * are forgeries, and some handlers fail on purpose ({@link Traffic}). Senders behave as real ones
 * do: a delivery is re-sent (re-signed, with a fresh timestamp where the scheme has one) until it
 * gets a 2xx ({@link Senders}).
 *
 * <p>Proven at the end: every genuine delivery was acknowledged (none lost) and processed exactly
 * once; every forgery got 401 and was never processed; every delivery whose handler failed was
 * processed on a retry; PostgreSQL holds one completed row per delivery and no claim left open.
 * Throughput and p50/p99 latency are printed.
 *
 * <p>The default is the short run {@code mvn verify} performs; {@code docs/security.md} has the
 * command for the long run ({@code -Dload.deliveries=30000 -Dload.clients=16}) and its figures.
 */
class EndToEndLoadTest {
  private static final int DELIVERIES = Integer.getInteger("load.deliveries", 1500);
  private static final int CLIENTS = Integer.getInteger("load.clients", 8);
  private static final long SEED = Long.getLong("load.seed", 20261122L);
  private static final Duration DEADLINE = Duration.ofMinutes(10);

  @Test
  void everyGenuineDeliveryExactlyOnce_everyForgery401_failedHandlersSucceedOnRetry()
      throws Exception {
    Traffic traffic = new Traffic(DELIVERIES, SEED);
    Receiver receiver = new Receiver(traffic.verificationKeys());
    Senders senders = new Senders(traffic, receiver::endpoint);
    try {
      long start = System.nanoTime();
      senders.run(CLIENTS, DEADLINE);
      double seconds = (System.nanoTime() - start) / 1e9;

      for (Traffic.Delivery d : traffic.deliveries) {
        assertThat(senders.acknowledged).as("delivery %d acknowledged", d.n).contains(d.n);
        assertThat(receiver.processed(d.n))
            .as("delivery %d (%s) processed", d.n, d.provider.name())
            .isEqualTo(1);
        if (d.failsFirst) {
          assertThat(receiver.attempts(d.n)).as("failing delivery %d handled", d.n).isEqualTo(2);
        }
      }
      for (int i = 0; i < traffic.forgeries; i++) {
        int n = DELIVERIES + i;
        assertThat(senders.forgeryStatuses.get(n)).as("forgery %d", n).isEqualTo(401);
        assertThat(receiver.attempts(n)).as("forgery %d reached the handler", n).isZero();
      }
      assertThat(receiver.storedStatuses()).isEqualTo(Map.of("COMPLETED", DELIVERIES));
      assertThat(senders.statuses.keySet()).isSubsetOf(200, 204, 401, 409, 500);
      assertThat(senders.count(500))
          .as("handlers failed on purpose")
          .isEqualTo((int) traffic.failingOnce());
      report(traffic, senders, seconds);
    } finally {
      receiver.stop();
    }
  }

  private static void report(Traffic traffic, Senders senders, double seconds) {
    long[] all = Senders.sorted(senders.latencies);
    System.out.printf(
        "load: %d requests (%d deliveries over %d providers, %d duplicate sends, %d forgeries,"
            + " %d handlers failing once) from %d clients in %.1f s: %.0f requests/s,"
            + " p50 %.2f ms, p99 %.2f ms; statuses %s%n",
        all.length,
        traffic.deliveries.size(),
        Traffic.PROVIDERS.size(),
        traffic.jobs.size() - traffic.deliveries.size() - traffic.forgeries,
        traffic.forgeries,
        traffic.failingOnce(),
        CLIENTS,
        seconds,
        all.length / seconds,
        Senders.percentileMillis(all, 0.50),
        Senders.percentileMillis(all, 0.99),
        new TreeMap<>(senders.statuses));
  }
}
