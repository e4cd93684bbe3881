package dev.hookverify.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hookverify.Proof;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.HandlerViews;
import dev.hookverify.providers.Provider;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code verify()} of every registered provider, fed fuzzed deliveries in three shapes:
 *
 * <ol>
 *   <li>forged: the provider's own header names with fuzzed values and a fuzzed body. Accepting one
 *       is a finding.
 *   <li>tampered body: a genuine signature for one body sent with a fuzzed other body. Accepting
 *       one is a finding wherever the proof signs the raw body (not for tokens, nor Twilio's form
 *       scheme, which signs parsed parameters, nor Mailgun and Adyen, which sign fields).
 *   <li>mutated header: a genuine delivery with one header replaced by fuzzed text. Either outcome
 *       may be right (a second, junk candidate is legitimate); only a throwable other than {@link
 *       WebhookVerificationException} is a finding.
 * </ol>
 *
 * In every shape, {@link Budget} fences time and allocation and requires the same outcome twice,
 * and an accepted delivery must read in Jackson databind, Gson and org.json as its verified view
 * does ({@link HandlerViews#disagreement}). The genuine delivery itself must be accepted, so the
 * fixtures are checked once up front.
 */
class ProviderFuzzTest {
  private static final long NOW = 1_800_000_000L;
  private static final String URL = "https://receiver.example/hooks/in?tenant=a";
  private static final byte[] JSON =
      ("{\"id\":\"evt_1\",\"type\":\"ping\",\"webhookTimestamp\":" + NOW * 1000 + ",\"data\":{}}")
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] FORM =
      "CallSid=CA1&From=%2B15550001&To=%2B15550002".getBytes(StandardCharsets.UTF_8);

  /** One provider, its verifier, and a genuine delivery to start from. */
  private static final class Target {
    final Provider provider;
    final WebhookVerifier verifier;
    final byte[] body;
    final Map<String, String> genuineHeaders;

    Target(Provider provider) {
      this.provider = provider;
      TestKeys keys = provider.sender().newTestKeys();
      this.verifier =
          provider
              .verifier(List.of(keys.verificationKey()))
              .clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC))
              .build();
      boolean form = isForm(provider);
      this.body = form ? FORM : JSON;
      this.genuineHeaders =
          provider.signsInHeaders()
              ? provider
                  .sender()
                  .sign(
                      keys.signingKey(),
                      OutgoingWebhook.builder(body)
                          .url(URL)
                          .id("msg_1")
                          .timestamp(NOW)
                          .contentType(
                              form ? "application/x-www-form-urlencoded" : "application/json")
                          .build())
                  .headers()
              : Map.of();
    }

    /** Whether accepting another body than the signed one would be a forgery. */
    boolean signsRawBody() {
      // Twilio signs parsed parameters; PayPal signs a CRC-32 of the body, which is no signature of
      // it (PayPalTest forges a body with the same CRC).
      // Google Pub/Sub push's token covers its claims, not the body.
      return provider.signsInHeaders()
          && !isForm(provider)
          && !provider.name().equals("paypal")
          && !provider.name().equals("google-pubsub")
          // Mercado Pago signs the notification's ids, not its body (MercadoPagoTest).
          && !provider.name().equals("mercadopago");
    }
  }

  /** Senders of forms (Twilio, Plivo), which sign parameters rather than the raw body. */
  private static boolean isForm(Provider provider) {
    return provider.contentType().startsWith("application/x-www-form-urlencoded");
  }

  private static final List<Target> TARGETS = new ArrayList<>();

  static {
    for (Provider provider : Providers.all()) {
      Target target = new Target(provider);
      if (provider.signsInHeaders()) {
        try {
          target.verifier.verify(request(URL, target.genuineHeaders, target.body));
        } catch (WebhookVerificationException e) {
          throw new AssertionError(provider.name() + " rejects its own genuine fixture", e);
        }
      }
      TARGETS.add(target);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void verify(FuzzedDataProvider data) {
    Target target = data.pickValue(TARGETS);
    int shape = data.consumeInt(0, 2);
    Map<String, String> headers = new LinkedHashMap<>();
    String uri = shape == 0 && data.consumeBoolean() ? data.consumeString(300) : URL;
    byte[] body;
    switch (shape) {
      case 0:
        for (String name : target.genuineHeaders.keySet()) {
          headers.put(name, data.consumeString(200));
        }
        if (data.consumeBoolean()) {
          headers.put(data.consumeString(30), data.consumeString(200));
        }
        body = data.consumeRemainingAsBytes();
        break;
      case 1:
        headers.putAll(target.genuineHeaders);
        body = data.consumeRemainingAsBytes();
        break;
      default:
        headers.putAll(target.genuineHeaders);
        if (!headers.isEmpty()) {
          List<String> names = new ArrayList<>(headers.keySet());
          headers.put(data.pickValue(names), data.consumeRemainingAsString());
        }
        body = target.body;
    }
    WebhookRequest request = request(uri, headers, body);

    Budget.Outcome outcome = Budget.verify(target.verifier, request);
    if (outcome.verified == null) {
      return;
    }
    String name = target.provider.name();
    assertThat(shape).as("%s accepted a forged delivery", name).isNotZero();
    if (shape == 1 && target.signsRawBody() && outcome.verified.proof() != Proof.SHARED_TOKEN) {
      assertThat(body).as("%s accepted another body than it signed", name).isEqualTo(target.body);
    }
    assertThat(HandlerViews.disagreement(target.provider, outcome.verified, body))
        .as("%s accepted a body its handler's parsers read otherwise", name)
        .isEmpty();
  }

  private static WebhookRequest request(String uri, Map<String, String> headers, byte[] body) {
    WebhookRequest.Builder builder = WebhookRequest.builder().method("POST").uri(uri).body(body);
    headers.forEach(builder::header);
    return builder.build();
  }
}
