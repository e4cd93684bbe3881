package dev.hookverify.load;

import dev.hookverify.providers.Provider;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.TestKeys;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the load tests send, in one seeded order: signed deliveries for several providers, each with
 * its own key, and of all requests about 60 % first sends, 30 % duplicates (half of them right
 * behind their first send, so both race) and 10 % forgeries of deliveries never sent genuinely; 5 %
 * of deliveries are marked for a handler that fails the first time.
 */
final class Traffic {
  /** Senders in a run; each has its own path, verifier and key. */
  static final List<String> PROVIDERS =
      List.of("stripe", "github", "standard-webhooks", "slack", "shopify", "twilio", "paddle");

  /** One delivery a sender owes the receiver; its body carries its number {@code n}. */
  static final class Delivery {
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

  /** What a client does: deliver until acknowledged (a first send or a duplicate), or forge. */
  static final class Job {
    final Delivery delivery;
    final boolean forged;
    final boolean duplicate;

    Job(Delivery delivery, boolean forged, boolean duplicate) {
      this.delivery = delivery;
      this.forged = forged;
      this.duplicate = duplicate;
    }
  }

  final Map<Provider, TestKeys> keys = new LinkedHashMap<>();
  final List<Delivery> deliveries = new ArrayList<>();
  final List<Job> jobs = new ArrayList<>();
  final int forgeries;

  /**
   * {@code count} genuine deliveries and their duplicates and forgeries, shuffled by {@code seed}.
   */
  Traffic(int count, long seed) {
    for (String name : PROVIDERS) {
      Provider provider = Providers.byName(name);
      keys.put(provider, provider.sender().newTestKeys());
    }
    Random random = new Random(seed);
    List<Provider> providers = new ArrayList<>(keys.keySet());
    for (int n = 0; n < count; n++) {
      Delivery d = new Delivery(n, providers.get(n % providers.size()), random.nextInt(100) < 5);
      deliveries.add(d);
      jobs.add(new Job(d, false, false));
    }
    int duplicates = count / 2;
    forgeries = count / 6;
    for (int i = 0; i < duplicates / 2; i++) {
      jobs.add(new Job(deliveries.get(random.nextInt(count)), false, true));
    }
    for (int i = 0; i < forgeries; i++) {
      Provider p = providers.get(i % providers.size());
      jobs.add(new Job(new Delivery(count + i, p, false), true, false));
    }
    Collections.shuffle(jobs, random);
    // The other half of the duplicates right behind their first send: another client takes them
    // at once, so both race (as when a sender times out and retries immediately).
    for (int i = 0; i < duplicates - duplicates / 2; i++) {
      int at = random.nextInt(jobs.size());
      Job job = jobs.get(at);
      if (job.forged) {
        i--;
        continue;
      }
      jobs.add(at + 1, new Job(job.delivery, false, true));
    }
  }

  /** Each provider's key a receiver verifies with. */
  Map<Provider, List<String>> verificationKeys() {
    Map<Provider, List<String>> verification = new LinkedHashMap<>();
    keys.forEach((provider, k) -> verification.put(provider, List.of(k.verificationKey())));
    return verification;
  }

  /** How many deliveries are marked for a handler that fails once. */
  long failingOnce() {
    return deliveries.stream().filter(d -> d.failsFirst).count();
  }

  /**
   * A signed request for {@code d} to {@code url}, signed now (a retry is re-signed, with a fresh
   * timestamp where the scheme has one); a forgery is signed with a key of the forger's own.
   */
  HttpRequest request(String url, Delivery d, boolean forged) {
    boolean form = d.provider.name().equals("twilio");
    OutgoingWebhook webhook =
        OutgoingWebhook.builder(d.body)
            .url(url)
            .id("msg_" + d.n)
            .timestamp(System.currentTimeMillis() / 1000)
            .contentType(form ? "application/x-www-form-urlencoded" : "application/json")
            .build();
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
}
