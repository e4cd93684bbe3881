package dev.hookverify.load;

import dev.hookverify.providers.Provider;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Concurrent senders on loopback, through the JDK's HTTP client: each takes the next {@link
 * Traffic.Job} and behaves as a real sender does, re-sending a genuine delivery (re-signed) until
 * it gets a 2xx and sending a forgery once. Records every answer's status and latency.
 */
final class Senders {
  private static final int MAX_ATTEMPTS = 50;

  private final Traffic traffic;
  private final Function<Provider, String> endpoint;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** How many answers had each status. */
  final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

  /** Every request's latency, in nanoseconds: send to answer. */
  final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();

  /** The latency of every 2xx answer (first sends and duplicates), in nanoseconds. */
  final ConcurrentLinkedQueue<Long> acknowledgements = new ConcurrentLinkedQueue<>();

  /** The latency of the 2xx answer to each delivery's first send (not a duplicate), by number. */
  final Map<Integer, Long> firstAcknowledgements = new ConcurrentHashMap<>();

  /** Each forgery's status. */
  final Map<Integer, Integer> forgeryStatuses = new ConcurrentHashMap<>();

  /** The genuine deliveries answered 2xx. */
  final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();

  Senders(Traffic traffic, Function<Provider, String> endpoint) {
    this.traffic = traffic;
    this.endpoint = endpoint;
  }

  /**
   * Sends every job from {@code clients} threads; fails if they are not done by {@code deadline}.
   */
  void run(int clients, Duration deadline) throws Exception {
    ConcurrentLinkedQueue<Traffic.Job> queue = new ConcurrentLinkedQueue<>(traffic.jobs);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        running.add(
            pool.submit(
                () -> {
                  for (Traffic.Job job; (job = queue.poll()) != null; ) {
                    perform(job);
                  }
                  return null;
                }));
      }
      long end = System.nanoTime() + deadline.toNanos();
      for (Future<?> f : running) {
        f.get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Sends {@code job}, retrying a genuine delivery until it is acknowledged. */
  private void perform(Traffic.Job job) throws Exception {
    Traffic.Delivery d = job.delivery;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      HttpRequest request = traffic.request(endpoint.apply(d.provider), d, job.forged);
      long sent = System.nanoTime();
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      long latency = System.nanoTime() - sent;
      latencies.add(latency);
      statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
      if (job.forged) {
        forgeryStatuses.put(d.n, status);
        return;
      }
      if (status / 100 == 2) {
        acknowledgements.add(latency);
        if (!job.duplicate) {
          firstAcknowledgements.put(d.n, latency);
        }
        acknowledged.add(d.n);
        return;
      }
      Thread.sleep(Math.min(5L * attempt, 50)); // a sender's backoff, short for the test
    }
    throw new AssertionError("delivery " + d.n + " never acknowledged in " + MAX_ATTEMPTS);
  }

  /** How many requests were answered {@code status}. */
  int count(int status) {
    AtomicInteger count = statuses.get(status);
    return count == null ? 0 : count.get();
  }

  /** {@code nanos}, sorted. */
  static long[] sorted(Collection<Long> nanos) {
    return nanos.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  /** The {@code p} quantile (0 to 1) of {@code sorted}, in milliseconds. */
  static double percentileMillis(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
