package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.ClaimedDelivery;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.KeyRing;
import dev.hookverify.Proof;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.TestKeys;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The security model's second rule for every registered sender: the same delivery, resent with
 * every change a replayer can make without a secret, is {@code DUPLICATE_DELIVERY} or a rejection,
 * never a fresh delivery. Token proofs are left out: whoever replays one holds the credential.
 */
class ReplayTest {
  private static final long NOW = 1_800_000_000L;
  private static final String URL = "https://receiver.example/hooks/in?tenant=a";
  private static final byte[] JSON =
      utf8(
          "{\"id\":\"evt_1\",\"event_id\":\"Ev1\",\"type\":\"paid\",\"amount\":1200,"
              + "\"webhookTimestamp\":1800000000000}");
  private static final byte[] FORM = utf8("CallSid=CA1&From=%2B15551234567&To=%2B15557654321");

  /** One replay of a delivery: a description and the request a replayer sends. */
  private static final class Replay {
    final String what;
    final String url;
    final Map<String, List<String>> headers;
    final byte[] body;

    Replay(String what, String url, Map<String, List<String>> headers, byte[] body) {
      this.what = what;
      this.url = url;
      this.headers = headers;
      this.body = body;
    }

    WebhookRequest request() {
      WebhookRequest.Builder builder = WebhookRequest.builder().uri(url).body(body);
      headers.forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
      return builder.build();
    }
  }

  @Test
  void claim_everyReplayerChangeToEveryProvidersDelivery_isDuplicateOrRejected() {
    List<String> failures = new ArrayList<>();
    int replays = 0;
    for (Provider provider : Providers.all()) {
      if (!provider.signsInHeaders()) {
        continue; // Mailgun and Adyen sign inside the body: their replays are tested with them
      }
      TestKeys keys = provider.sender().newTestKeys();
      byte[] body = isForm(provider) ? FORM : JSON;
      Map<String, String> headers =
          provider.sender().sign(keys.signingKey(), outgoing(provider, body)).headers();
      WebhookVerifier verifier =
          provider.verifier(List.of(keys.verificationKey())).clock(at(NOW)).build();
      if (proofOf(verifier, request(URL, headers, body)) == Proof.SHARED_TOKEN) {
        continue;
      }
      List<Replay> variants = replays(provider, headers, body);
      replays += variants.size();
      failures.addAll(
          check(
              provider.name(),
              verifier,
              new Replay("genuine", URL, single(headers), body),
              variants));
    }
    assertThat(replays).isGreaterThan(500);
    assertThat(failures).isEmpty();
  }

  @Test
  void claim_droppingOneOfTwoRotationSignatures_isDuplicate() {
    List<String> failures = new ArrayList<>();
    // No id in the body: Stripe's key then derives from the signed content, not from a signed id.
    byte[] body = utf8("{\"type\":\"invoice.paid\"}");
    for (String name : List.of("stripe", "standard-webhooks", "svix", "clerk", "resend")) {
      SharedSecretProvider provider = (SharedSecretProvider) Providers.byName(name);
      String first = provider.sender().newTestKeys().signingKey();
      String second = provider.sender().newTestKeys().signingKey();
      OutgoingWebhook webhook = outgoing(provider, body);
      Map<String, String> a = provider.sender().sign(first, webhook).headers();
      Map<String, String> b = provider.sender().sign(second, webhook).headers();
      String header =
          a.keySet().stream()
              .filter(h -> h.toLowerCase(Locale.ROOT).endsWith("signature"))
              .findFirst()
              .orElseThrow();
      String both =
          name.equals("stripe")
              ? a.get(header) + "," + b.get(header).replaceFirst("^t=\\d+,", "")
              : a.get(header) + " " + b.get(header);
      Map<String, String> genuine = new LinkedHashMap<>(a);
      genuine.put(header, both);
      WebhookVerifier verifier =
          provider
              .verifier(
                  KeyRing.builder()
                      .add("k1", provider.secret(first))
                      .add("k2", provider.secret(second))
                      .build())
              .clock(at(NOW))
              .build();
      failures.addAll(
          check(
              name,
              verifier,
              new Replay("both signatures", URL, single(genuine), body),
              List.of(
                  new Replay("only the first key's signature", URL, single(a), body),
                  new Replay("only the second key's signature", URL, single(b), body))));
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void claim_legacySha1InsteadOfSha256_isDuplicate() {
    List<String> failures = new ArrayList<>();
    for (String name : List.of("github", "meta")) {
      String secret = "legacy-secret";
      Map<String, String> headers =
          name.equals("github")
              ? GitHub.sign(dev.hookverify.WebhookSecret.ofUtf8(secret), "d-1", JSON)
              : Meta.sign(dev.hookverify.WebhookSecret.ofUtf8(secret), JSON);
      KeyRing ring = KeyRing.of(dev.hookverify.WebhookSecret.ofUtf8(secret));
      WebhookVerifier verifier =
          (name.equals("github")
                  ? GitHub.builderAcceptingLegacySha1(ring)
                  : Meta.builderAcceptingLegacySha1(ring))
              .build();
      Map<String, String> legacyOnly = new LinkedHashMap<>(headers);
      legacyOnly.remove("X-Hub-Signature-256");
      failures.addAll(
          check(
              name,
              verifier,
              new Replay("both headers", URL, single(headers), JSON),
              List.of(new Replay("SHA-1 header only", URL, single(legacyOnly), JSON))));
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void claim_malleatedEcdsaSignature_isDuplicate() throws Exception {
    Provider sendgrid = Providers.byName("sendgrid");
    TestKeys keys = sendgrid.sender().newTestKeys();
    Map<String, String> headers =
        sendgrid.sender().sign(keys.signingKey(), outgoing(sendgrid, JSON)).headers();
    WebhookVerifier verifier =
        sendgrid.verifier(List.of(keys.verificationKey())).clock(at(NOW)).build();
    Map<String, String> malleated = new LinkedHashMap<>(headers);
    malleated.put(SendGrid.SIGNATURE_HEADER, malleate(headers.get(SendGrid.SIGNATURE_HEADER)));
    assertThat(malleated.get(SendGrid.SIGNATURE_HEADER))
        .isNotEqualTo(headers.get(SendGrid.SIGNATURE_HEADER));
    assertThat(proofOf(verifier, request(URL, malleated, JSON)))
        .isEqualTo(Proof.PUBLIC_KEY_SIGNATURE);
    assertThat(
            check(
                "sendgrid",
                verifier,
                new Replay("genuine", URL, single(headers), JSON),
                List.of(new Replay("(r, n - s)", URL, single(malleated), JSON))))
        .isEmpty();
  }

  /** Claims and completes {@code genuine}, then says which replays were claimed as new. */
  private static List<String> check(
      String provider, WebhookVerifier verifier, Replay genuine, List<Replay> replays) {
    IdempotentVerifier idempotent =
        IdempotentVerifier.builder(verifier, new InMemoryIdempotencyStore(10_000)).build();
    List<String> failures = new ArrayList<>();
    try (ClaimedDelivery delivery = idempotent.claim(genuine.request())) {
      delivery.complete();
    } catch (WebhookVerificationException e) {
      failures.add(provider + ": the genuine delivery was rejected: " + e.reason());
      return failures;
    }
    for (Replay replay : replays) {
      try (ClaimedDelivery delivery = idempotent.claim(replay.request())) {
        failures.add(
            provider
                + ": replay with "
                + replay.what
                + " was claimed as new, key "
                + delivery.webhook().deliveryKey());
        delivery.complete();
      } catch (WebhookVerificationException expected) {
        // DUPLICATE_DELIVERY or a rejection: either way it is not processed again
      }
    }
    return failures;
  }

  /** Every change a replayer without the secret can make to a delivery of {@code provider}. */
  private static List<Replay> replays(Provider provider, Map<String, String> headers, byte[] body) {
    List<Replay> out = new ArrayList<>();
    Map<String, List<String>> genuine = single(headers);
    out.add(
        new Replay(
            "an extra header", URL, with(genuine, m -> m.put("X-Replayed", List.of("1"))), body));
    out.add(
        new Replay(
            "an extra delivery id",
            URL,
            with(genuine, m -> m.put("X-Request-Id", List.of("r-2"))),
            body));
    for (String name : headers.keySet()) {
      String value = headers.get(name);
      out.add(new Replay("no " + name, URL, with(genuine, m -> m.remove(name)), body));
      out.add(
          new Replay(
              name + " sent twice",
              URL,
              with(genuine, m -> m.put(name, List.of(value, value))),
              body));
      out.add(
          new Replay(
              name + " upper-cased name",
              URL,
              with(genuine, m -> m.put(name.toUpperCase(Locale.ROOT), m.remove(name))),
              body));
      for (Map.Entry<String, UnaryOperator<String>> change : valueChanges().entrySet()) {
        String changed = change.getValue().apply(value);
        if (!changed.equals(value)) {
          out.add(
              new Replay(
                  name + " " + change.getKey(),
                  URL,
                  with(genuine, m -> m.put(name, List.of(changed))),
                  body));
        }
      }
    }
    for (Map.Entry<String, UnaryOperator<byte[]>> change : bodyChanges().entrySet()) {
      out.add(new Replay("body " + change.getKey(), URL, genuine, change.getValue().apply(body)));
    }
    for (String url :
        List.of(
            "https://receiver.example:443/hooks/in?tenant=a",
            "https://receiver.example/hooks/in?tenant=a&x=1",
            "https://receiver.example/hooks/in?tenant=b",
            "http://receiver.example/hooks/in?tenant=a")) {
      out.add(new Replay("URL " + url, url, genuine, body));
    }
    if (isForm(provider)) {
      out.add(
          new Replay(
              "form parameters reordered",
              URL,
              genuine,
              utf8("To=%2B15557654321&CallSid=CA1&From=%2B15551234567")));
      out.add(
          new Replay(
              "form re-encoded",
              URL,
              genuine,
              utf8("CallSid=CA1&From=+15551234567&To=%2b15557654321")));
    }
    return out;
  }

  private static Map<String, UnaryOperator<String>> valueChanges() {
    Map<String, UnaryOperator<String>> changes = new LinkedHashMap<>();
    changes.put("upper-cased", v -> v.toUpperCase(Locale.ROOT));
    changes.put("lower-cased", v -> v.toLowerCase(Locale.ROOT));
    changes.put("padded", v -> " " + v + " ");
    changes.put("with a trailing item", v -> v + ",v9=ff");
    changes.put("with a trailing space-separated item", v -> v + " v9,ff");
    changes.put("without base64 padding", v -> v.replace("=", ""));
    changes.put("in base64url", v -> v.replace('+', '-').replace('/', '_'));
    changes.put("with a leading zero", v -> "0" + v);
    changes.put("one larger", ReplayTest::increment);
    return changes;
  }

  private static Map<String, UnaryOperator<byte[]>> bodyChanges() {
    Map<String, UnaryOperator<byte[]>> changes = new LinkedHashMap<>();
    changes.put("with a trailing newline", b -> concat(b, utf8("\n")));
    changes.put("with a leading space", b -> concat(utf8(" "), b));
    changes.put("emptied", b -> new byte[0]);
    changes.put(
        "with one byte changed",
        b -> {
          byte[] c = b.clone();
          c[c.length / 2] ^= 1;
          return c;
        });
    return changes;
  }

  /** A timestamp one second later, a numeric header value one larger. */
  private static String increment(String value) {
    return value.matches("\\d{1,18}") ? Long.toString(Long.parseLong(value) + 1) : value;
  }

  private static OutgoingWebhook outgoing(Provider provider, byte[] body) {
    return OutgoingWebhook.builder(body)
        .timestamp(NOW)
        .id("msg_2Ld4b1")
        .url(URL)
        .contentType(isForm(provider) ? "application/x-www-form-urlencoded" : "application/json")
        .build();
  }

  /** Senders of forms (Twilio, Plivo), which sign parameters rather than the raw body. */
  static boolean isForm(Provider provider) {
    return provider.contentType().startsWith("application/x-www-form-urlencoded");
  }

  private static Proof proofOf(WebhookVerifier verifier, WebhookRequest request) {
    try {
      VerifiedWebhook webhook = verifier.verify(request);
      return webhook.proof();
    } catch (WebhookVerificationException e) {
      throw new AssertionError(verifier.provider() + ": genuine delivery rejected: " + e.reason());
    }
  }

  private static Map<String, List<String>> single(Map<String, String> headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    headers.forEach((name, value) -> out.put(name, List.of(value)));
    return out;
  }

  private static Map<String, List<String>> with(
      Map<String, List<String>> headers,
      java.util.function.Consumer<Map<String, List<String>>> change) {
    Map<String, List<String>> copy = new LinkedHashMap<>(headers);
    change.accept(copy);
    return copy;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The other valid ECDSA signature over the same message: {@code (r, n - s)}. */
  private static String malleate(String base64Der) {
    byte[] der = Base64.getDecoder().decode(base64Der);
    // SEQUENCE { INTEGER r, INTEGER s }, short-form lengths for P-256.
    int rLength = der[3];
    byte[] r = java.util.Arrays.copyOfRange(der, 4, 4 + rLength);
    int sOffset = 4 + rLength;
    byte[] s = java.util.Arrays.copyOfRange(der, sOffset + 2, sOffset + 2 + der[sOffset + 1]);
    BigInteger n =
        new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    byte[] flipped = n.subtract(new BigInteger(1, s)).toByteArray();
    byte[] seq = concat(integer(r), integer(flipped));
    return Base64.getEncoder().encodeToString(concat(new byte[] {0x30, (byte) seq.length}, seq));
  }

  private static byte[] integer(byte[] value) {
    return concat(new byte[] {0x02, (byte) value.length}, value);
  }
}
