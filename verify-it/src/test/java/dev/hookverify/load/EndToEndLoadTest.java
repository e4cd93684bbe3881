package dev.hookverify.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.providers.Provider;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The whole stack under concurrent load on loopback (see {@link Receiver}): clients send signed
 * deliveries for several providers; of all requests about 30 % are duplicates or retries and 10 %
 * are forgeries, and some handlers fail on purpose. Senders behave as real ones do: a delivery is
 * re-sent (re-signed, with a fresh timestamp where the scheme has one) until it gets a 2xx.
 *
 * <p>Proven at the end: every genuine delivery was acknowledged (none lost) and processed exactly
 * once; every forgery got 401 and was never processed; every delivery whose handler failed was
 * processed on a retry; PostgreSQL holds one completed row per delivery and no claim left open.
 * Throughput and p50/p99 latency are printed.
 *
 * <p>The default is the short run {@code mvn verify} performs; {@code docs/security.md} has
 * the command for the long run ({@code -Dload.deliveries=30000 -Dload.clients=16}) and its figures.
 */
class EndToEndLoadTest {
  private static final int DELIVERIES = Integer.getInteger("load.deliveries", 1500);
  private static final int CLIENTS = Integer.getInteger("load.clients", 8);
  private static final long SEED = Long.getLong("load.seed", 20261122L);

  /** Senders and the secrets in this run; each has its own path, verifier and key. */
  private static final List<String> PROVIDERS =
      List.of("stripe", "github", "standard-webhooks", "slack", "shopify", "twilio", "paddle");

  private static final int MAX_ATTEMPTS = 50;
  private static final Duration DEADLINE = Duration.ofMinutes(10);

  /** One delivery a sender owes the receiver. */
  private static final class Delivery {
    final int n;
    final Provider provider;
    final byte[] body;
    final boolean failsFirst;

    Delivery(int n, Provider provider, boolean failsFirst) {
      this.n = n;
      this.provider = provider;
      this.failsFirst = failsFirst;
      String text =
          provider.name().equals("twilio")
              ? "CallSid=CA" + n + "&N=" + n + (failsFirst ? "&Fail=1" : "") + "&From=%2B1555"
              : "{\"id\":\"evt_"
                  + n
                  + "\",\"event_id\":\"evt_"
                  + n
                  + "\",\"n\":"
                  + n
                  + ",\"fail\":"
                  + failsFirst
                  + "}";
      this.body = text.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** What a client does: deliver until acknowledged, or send one forgery. */
  private static final class Job {
    final Delivery delivery;
    final boolean forged;

    Job(Delivery delivery, boolean forged) {
      this.delivery = delivery;
      this.forged = forged;
    }
  }

  private final Map<Provider, TestKeys> keys = new LinkedHashMap<>();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
  private final Map<Integer, Integer> forgeryStatuses = new ConcurrentHashMap<>();
  private final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();

  @Test
  void everyGenuineDeliveryExactlyOnce_everyForgery401_failedHandlersSucceedOnRetry()
      throws Exception {
    Map<Provider, List<String>> verificationKeys = new LinkedHashMap<>();
    for (String name : PROVIDERS) {
      Provider provider = Providers.byName(name);
      TestKeys k = provider.sender().newTestKeys();
      keys.put(provider, k);
      verificationKeys.put(provider, List.of(k.verificationKey()));
    }
    Random random = new Random(SEED);
    List<Provider> providers = new ArrayList<>(keys.keySet());
    List<Delivery> deliveries = new ArrayList<>();
    List<Job> jobs = new ArrayList<>();
    for (int n = 0; n < DELIVERIES; n++) {
      Delivery d = new Delivery(n, providers.get(n % providers.size()), random.nextInt(100) < 5);
      deliveries.add(d);
      jobs.add(new Job(d, false));
    }
    // Of all requests: 60 % first sends, 30 % duplicates (more sends of the same delivery, often
    // concurrent with the first), 10 % forgeries of deliveries that are never sent genuinely.
    int duplicates = DELIVERIES / 2;
    int forgeries = DELIVERIES / 6;
    for (int i = 0; i < duplicates / 2; i++) {
      jobs.add(new Job(deliveries.get(random.nextInt(DELIVERIES)), false));
    }
    for (int i = 0; i < forgeries; i++) {
      Provider p = providers.get(i % providers.size());
      jobs.add(new Job(new Delivery(DELIVERIES + i, p, false), true));
    }
    Collections.shuffle(jobs, random);
    // The other half of the duplicates right behind their first send: another client takes them
    // at once, so both race for the claim (as when a sender times out and retries immediately).
    for (int i = 0; i < duplicates - duplicates / 2; i++) {
      int at = random.nextInt(jobs.size());
      Job job = jobs.get(at);
      if (job.forged) {
        i--;
        continue;
      }
      jobs.add(at + 1, new Job(job.delivery, false));
    }

    Receiver receiver = new Receiver(verificationKeys);
    try {
      long start = System.nanoTime();
      run(receiver, jobs);
      double seconds = (System.nanoTime() - start) / 1e9;

      for (Delivery d : deliveries) {
        assertThat(acknowledged).as("delivery %d acknowledged", d.n).contains(d.n);
        assertThat(receiver.processed(d.n))
            .as("delivery %d (%s) processed", d.n, d.provider.name())
            .isEqualTo(1);
        if (d.failsFirst) {
          assertThat(receiver.attempts(d.n)).as("failing delivery %d handled", d.n).isEqualTo(2);
        }
      }
      for (int i = 0; i < forgeries; i++) {
        int n = DELIVERIES + i;
        assertThat(forgeryStatuses.get(n)).as("forgery %d", n).isEqualTo(401);
        assertThat(receiver.attempts(n)).as("forgery %d reached the handler", n).isZero();
      }
      assertThat(receiver.storedStatuses()).isEqualTo(Map.of("COMPLETED", DELIVERIES));
      assertThat(statuses.keySet()).isSubsetOf(200, 204, 401, 409, 500);
      assertThat(statuses.getOrDefault(500, new AtomicInteger()).get())
          .as("handlers failed on purpose")
          .isEqualTo((int) deliveries.stream().filter(d -> d.failsFirst).count());
      report(jobs.size(), deliveries, forgeries, seconds);
    } finally {
      receiver.stop();
    }
  }

  private void run(Receiver receiver, List<Job> jobs) throws Exception {
    ConcurrentLinkedQueue<Job> queue = new ConcurrentLinkedQueue<>(jobs);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        running.add(
            clients.submit(
                () -> {
                  for (Job job; (job = queue.poll()) != null; ) {
                    perform(receiver, job);
                  }
                  return null;
                }));
      }
      for (Future<?> f : running) {
        f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      clients.shutdownNow();
    }
  }

  /** Sends {@code job}, retrying a genuine delivery until it is acknowledged. */
  private void perform(Receiver receiver, Job job) throws Exception {
    Delivery d = job.delivery;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      HttpRequest request = request(receiver, d, job.forged);
      long sent = System.nanoTime();
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      latencies.add(System.nanoTime() - sent);
      statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
      if (job.forged) {
        forgeryStatuses.put(d.n, status);
        return;
      }
      if (status / 100 == 2) {
        acknowledged.add(d.n);
        return;
      }
      Thread.sleep(Math.min(5L * attempt, 50)); // a sender's backoff, short for the test
    }
    throw new AssertionError("delivery " + d.n + " never acknowledged in " + MAX_ATTEMPTS);
  }

  private HttpRequest request(Receiver receiver, Delivery d, boolean forged) {
    String url = receiver.endpoint(d.provider);
    boolean form = d.provider.name().equals("twilio");
    OutgoingWebhook webhook =
        OutgoingWebhook.builder(d.body)
            .url(url)
            .id("msg_" + d.n)
            .timestamp(System.currentTimeMillis() / 1000)
            .contentType(form ? "application/x-www-form-urlencoded" : "application/json")
            .build();
    // A forger knows everything but the key: it signs with one of its own.
    String key =
        forged ? d.provider.sender().newTestKeys().signingKey() : keys.get(d.provider).signingKey();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(d.body));
    // The kit's header set is the sender's, Content-Type included: sent once, as a sender does.
    d.provider.sender().sign(key, webhook).headers().forEach(request::header);
    return request.build();
  }

  private void report(int jobs, List<Delivery> deliveries, int forgeries, double seconds) {
    long[] all = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    long failing = deliveries.stream().filter(d -> d.failsFirst).count();
    System.out.printf(
        "load: %d requests (%d deliveries over %d providers, %d duplicate sends, %d forgeries,"
            + " %d handlers failing once) from %d clients in %.1f s: %.0f requests/s,"
            + " p50 %.2f ms, p99 %.2f ms; statuses %s%n",
        all.length,
        deliveries.size(),
        PROVIDERS.size(),
        jobs - deliveries.size() - forgeries,
        forgeries,
        failing,
        CLIENTS,
        seconds,
        all.length / seconds,
        percentile(all, 0.50) / 1e6,
        percentile(all, 0.99) / 1e6,
        new java.util.TreeMap<>(statuses));
  }

  private static long percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }
}
