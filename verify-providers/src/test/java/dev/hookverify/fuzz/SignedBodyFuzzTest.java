package dev.hookverify.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.Adyen;
import dev.hookverify.providers.HandlerViews;
import dev.hookverify.providers.Mailgun;
import dev.hookverify.providers.MercadoPago;
import dev.hookverify.providers.Provider;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.SignedDocuments;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.TestKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Genuinely signed deliveries with fuzzed bodies, ids and content types, for every provider that
 * signs in headers. A genuine signature must never be reported as a mismatch or as malformed,
 * whatever the body holds (a sender may send anything it signs); other reasons are allowed where
 * the body itself is wrong (Linear's signed timestamp lives in it). An accepted delivery then has
 * its delivery id, tenant and timestamp read, which runs the JSON and form readers over the fuzzed
 * body: they must not throw, and what they read must be what Jackson databind, Gson and org.json
 * read from the same bytes ({@link HandlerViews#disagreement}).
 */
class SignedBodyFuzzTest {
  private static final long NOW = 1_800_000_000L;
  private static final String URL = "https://receiver.example/hooks/in?tenant=a";
  private static final Set<Reason> NEVER_FOR_GENUINE =
      EnumSet.of(Reason.SIGNATURE_MISMATCH, Reason.MALFORMED_SIGNATURE, Reason.MISSING_SIGNATURE);

  private static final class Target {
    final Provider provider;
    final String signingKey;
    final WebhookVerifier verifier;

    Target(Provider provider) {
      this.provider = provider;
      TestKeys keys = provider.sender().newTestKeys();
      this.signingKey = keys.signingKey();
      this.verifier =
          provider
              .verifier(List.of(keys.verificationKey()))
              .clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC))
              .build();
    }
  }

  private static final List<Target> TARGETS =
      Providers.all().stream()
          .filter(Provider::signsInHeaders)
          .map(Target::new)
          .collect(Collectors.toList());

  @FuzzTest(maxDuration = "5m")
  void verify(FuzzedDataProvider data) {
    Target target = data.pickValue(TARGETS);
    String contentType =
        data.pickValue(
            List.of("application/json", "application/x-www-form-urlencoded", "text/plain"));
    String id = data.consumeBoolean() ? "msg_1" : data.consumeAsciiString(64);
    byte[] body = data.consumeRemainingAsBytes();
    OutgoingWebhook webhook =
        OutgoingWebhook.builder(body)
            .url(URL)
            .id(id)
            .timestamp(NOW)
            .contentType(contentType)
            .build();
    Map<String, String> headers;
    try {
      headers = target.provider.sender().sign(target.signingKey, webhook).headers();
    } catch (IllegalArgumentException e) {
      return; // The signer refuses what its sender could not send (an id it cannot carry).
    }
    WebhookRequest.Builder request = WebhookRequest.builder().uri(URL).body(body);
    headers.forEach(request::header);

    Budget.Outcome outcome = Budget.verify(target.verifier, request.build());
    if (outcome.verified == null) {
      if (target.provider.name().equals(MercadoPago.NAME)) {
        // Mercado Pago signs ids, not the body, and refuses a body whose data.id is not the one
        // it signed, or not one value every parser reads (MercadoPagoTest, DifferentialParsingTest):
        // a fuzzed body may do either, and its real sender never sends one.
        return;
      }
      assertThat(outcome.reason())
          .as(
              "%s on a genuine delivery: %s",
              target.provider.name(), outcome.rejection.getMessage())
          .isNotIn(NEVER_FOR_GENUINE);
      return;
    }
    assertThat(HandlerViews.disagreement(target.provider, outcome.verified, body))
        .as("%s accepted a body its handler's parsers read otherwise", target.provider.name())
        .isEmpty();
  }

  /**
   * Adyen and Mailgun, which sign fields of the body: a fuzzed document whose {@code "SIG#"}
   * placeholders are replaced by genuine signatures for each way a parser reads it ({@link
   * SignedDocuments}). Accepting one whose items or signed pair a handler's parser (Jackson
   * databind, Gson, org.json) reads otherwise than the verified view is a finding; so is a genuine
   * signature over a well-read document reported as a mismatch.
   */
  @FuzzTest(maxDuration = "5m")
  void fieldSigned(FuzzedDataProvider data) {
    boolean adyen = data.consumeBoolean();
    byte[] document = data.consumeRemainingAsBytes();
    Provider provider = Providers.byName(adyen ? Adyen.NAME : Mailgun.NAME);
    WebhookVerifier verifier = adyen ? ADYEN : MAILGUN;
    List<byte[]> bodies =
        SignedDocuments.signedForEveryReading(
            document,
            adyen ? SignedDocuments::adyenSignatures : SignedDocuments::mailgunSignatures);
    for (byte[] body : bodies) {
      Budget.Outcome outcome =
          Budget.verify(verifier, WebhookRequest.builder().uri(URL).body(body).build());
      if (outcome.verified != null) {
        assertThat(HandlerViews.disagreement(provider, outcome.verified, body))
            .as("%s accepted a body its handler's parsers read otherwise", provider.name())
            .isEmpty();
      }
    }
  }

  private static final WebhookVerifier ADYEN =
      Adyen.builder(KeyRing.of(Adyen.secret(SignedDocuments.ADYEN_KEY)))
          .clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC))
          .build();
  private static final WebhookVerifier MAILGUN =
      Mailgun.builder(KeyRing.of(WebhookSecret.ofUtf8(SignedDocuments.MAILGUN_KEY)))
          .clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC))
          .build();
}
