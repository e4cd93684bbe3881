package dev.hookverify.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hookverify.Proof;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.Provider;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.OutgoingWebhook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input corpus at the provider level, through the registry's public API: another
 * sender's scheme, a trailing newline, JSON nested 100,000 deep where a delivery id or a signed
 * field is read, repeated headers, and secrets that are empty, blank or padded. Core's {@code
 * HostileInputTest} covers the parsers' own limits.
 */
class ProviderHostileInputTest {
  private static final long NOW = 1_800_000_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  private static final String URL = "https://receiver.example/hooks/in";

  /** One secret text for every shared-secret sender; each reads it by its own convention. */
  private static final String SECRET =
      "whsec_" + Base64.getEncoder().encodeToString("cross-provider-secret-32-bytes!!".getBytes());

  /**
   * Pairs where the receiver accepts the signer's delivery by design, because the receiver's scheme
   * is the signer's (or one of the schemes the signer sends at once):
   *
   * <ul>
   *   <li>Svix signs by Standard Webhooks and reads its webhook-* headers too; Clerk and Resend are
   *       Svix. Standard Webhooks reads only webhook-*, so Svix's svix-* deliveries are not its.
   *   <li>GitLab's signing tokens are Standard Webhooks.
   *   <li>Meta signs exactly as GitHub; GitHub's legacy X-Hub-Signature is Intercom's scheme.
   *   <li>Lemon Squeezy and MightyCall both send a hex HMAC-SHA256 of the body in X-Signature.
   *   <li>Gitea sends Gogs' header and GitHub's two beside its own, and Forgejo also Gitea's, all
   *       MACs of the body with the same secret: their deliveries verify as Gogs', GitHub's (so
   *       Meta's), Intercom's (GitHub's SHA-1 header) and, for Forgejo, Gitea's.
   *   <li>Azure Event Grid's {@code Authorization: Bearer} secret is the token MightyCall and Vapi
   *       also accept.
   * </ul>
   */
  private static final Set<String> SAME_SCHEME =
      Set.of(
          "standard-webhooks->svix",
          "standard-webhooks->clerk",
          "standard-webhooks->resend",
          "standard-webhooks->gitlab",
          "gitlab->standard-webhooks",
          "gitlab->svix",
          "gitlab->clerk",
          "gitlab->resend",
          "svix->clerk",
          "svix->resend",
          "clerk->svix",
          "clerk->resend",
          "resend->svix",
          "resend->clerk",
          "github->meta",
          "meta->github",
          "github->intercom",
          "lemonsqueezy->mightycall",
          "mightycall->lemonsqueezy",
          "gitea->gogs",
          "gitea->github",
          "gitea->meta",
          "gitea->intercom",
          "forgejo->gitea",
          "forgejo->gogs",
          "forgejo->github",
          "forgejo->meta",
          "forgejo->intercom",
          "azure-event-grid->mightycall",
          "azure-event-grid->vapi");

  /** Senders whose secrets are base64 ({@code whsec_}): whitespace cannot be part of them. */
  private static final Set<String> BASE64_SECRETS =
      Set.of("standard-webhooks", "svix", "clerk", "resend", "gitlab");

  private static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] body(Provider provider) {
    return json(
        provider.name().equals("twilio")
            ? "CallSid=CA1&From=%2B15550001"
            : "{\"id\":\"evt_1\",\"event_id\":\"evt_1\",\"webhookTimestamp\":" + NOW * 1000 + "}");
  }

  private static OutgoingWebhook webhook(Provider provider, byte[] body) {
    return OutgoingWebhook.builder(body)
        .url(URL)
        .id("msg_1")
        .timestamp(NOW)
        .contentType(
            provider.name().equals("twilio")
                ? "application/x-www-form-urlencoded"
                : "application/json")
        .build();
  }

  private static WebhookRequest request(Map<String, String> headers, byte[] body) {
    WebhookRequest.Builder builder = WebhookRequest.builder().uri(URL).body(body);
    headers.forEach(builder::header);
    return builder.build();
  }

  private static List<Provider> sharedSecretSignersInHeaders() {
    List<Provider> providers = new ArrayList<>();
    for (Provider p : Providers.all()) {
      if (!p.usesPublicKeys() && p.signsInHeaders()) {
        providers.add(p);
      }
    }
    return providers;
  }

  private static WebhookVerifier verifier(Provider provider, String key) {
    return provider.verifier(List.of(key)).clock(CLOCK).build();
  }

  /** The outcome, within a bound that catches hangs and blow-ups (not a speed claim). */
  private static Outcome outcome(WebhookVerifier verifier, WebhookRequest request) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          try {
            VerifiedWebhook verified = verifier.verify(request);
            return new Outcome(null, verified);
          } catch (WebhookVerificationException e) {
            return new Outcome(e.reason(), null);
          }
        });
  }

  private static final class Outcome {
    final Reason reason;
    final VerifiedWebhook verified;

    Outcome(Reason reason, VerifiedWebhook verified) {
      this.reason = reason;
      this.verified = verified;
    }
  }

  @Test
  void anotherSendersScheme_isNeverAccepted_exceptBetweenSendersThatShareOne() {
    List<Provider> providers = sharedSecretSignersInHeaders();
    Set<String> accepted = new TreeSet<>();
    for (Provider signer : providers) {
      byte[] body = body(signer);
      Map<String, String> headers = signer.sender().sign(SECRET, webhook(signer, body)).headers();
      for (Provider receiver : providers) {
        if (receiver == signer) {
          continue;
        }
        Outcome outcome = outcome(verifier(receiver, SECRET), request(headers, body));
        if (outcome.reason == null) {
          accepted.add(signer.name() + "->" + receiver.name());
        } else {
          assertThat(outcome.reason)
              .as("%s's delivery at %s", signer.name(), receiver.name())
              .isIn(
                  Reason.MISSING_SIGNATURE,
                  Reason.MALFORMED_SIGNATURE,
                  Reason.SIGNATURE_MISMATCH,
                  Reason.MISSING_TIMESTAMP,
                  Reason.MALFORMED_TIMESTAMP);
        }
      }
    }
    assertThat(accepted).isEqualTo(new TreeSet<>(SAME_SCHEME));
  }

  @Test
  void trailingNewlineAfterTheSignedBody_mismatch() {
    for (Provider provider : sharedSecretSignersInHeaders()) {
      byte[] body = body(provider);
      Map<String, String> headers =
          provider.sender().sign(SECRET, webhook(provider, body)).headers();
      WebhookVerifier verifier = verifier(provider, SECRET);
      Outcome genuine = outcome(verifier, request(headers, body));
      assertThat(genuine.reason).as(provider.name()).isNull();
      byte[] withNewline = Arrays.copyOf(body, body.length + 1);
      withNewline[body.length] = '\n';
      Outcome tampered = outcome(verifier, request(headers, withNewline));
      if (genuine.verified.proof() == Proof.SHARED_TOKEN) {
        continue; // A token does not cover the body: docs/idempotency.md says so.
      }
      assertThat(tampered.reason).as(provider.name()).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }
  }

  @Test
  void jsonNestedHundredThousandDeep_whereIdsAndSignedFieldsAreRead() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    byte[] body =
        json("{\"data\":" + deep + ",\"id\":\"evt_1\",\"event_id\":\"evt_1\",\"x\":" + deep + "}");
    for (Provider provider : sharedSecretSignersInHeaders()) {
      Map<String, String> headers =
          provider.sender().sign(SECRET, webhook(provider, body)).headers();
      WebhookVerifier verifier =
          provider.verifier(List.of(SECRET)).clock(CLOCK).maxBodyBytes(1 << 20).build();
      Outcome outcome = outcome(verifier, request(headers, body));
      if (provider.name().equals("linear")) {
        // Its signed timestamp is a body field; a document too deep to read has no usable one.
        assertThat(outcome.reason).isEqualTo(Reason.MALFORMED_TIMESTAMP);
        continue;
      }
      assertThat(outcome.reason).as(provider.name()).isNull();
      // The id sits after a 100,000-deep array: past the parser's depth limit, so it is absent.
      assertTimeoutPreemptively(Duration.ofSeconds(2), () -> outcome.verified.deliveryId());
      if (provider.deliveryId().startsWith("body")) {
        assertThat(outcome.verified.deliveryId()).as(provider.name()).isEmpty();
      }
    }
    // Mailgun reads its signature fields from the unverified body.
    Provider mailgun = Providers.byName("mailgun");
    assertThat(outcome(verifier(mailgun, "key-1"), request(Map.of(), body)).reason)
        .isIn(Reason.MISSING_SIGNATURE, Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void repeatedHeadersWithConflictingValues_rejectedOrNotRead() {
    for (Provider provider : sharedSecretSignersInHeaders()) {
      byte[] body = body(provider);
      Map<String, String> headers =
          provider.sender().sign(SECRET, webhook(provider, body)).headers();
      WebhookVerifier verifier = verifier(provider, SECRET);
      VerifiedWebhook original = outcome(verifier, request(headers, body)).verified;
      Set<Reason> reasons = new TreeSet<>();
      for (String repeated : headers.keySet()) {
        WebhookRequest.Builder request = WebhookRequest.builder().uri(URL).body(body);
        headers.forEach(request::header);
        request.header(repeated, headers.get(repeated) + "0");
        Outcome outcome = outcome(verifier, request.build());
        if (outcome.reason != null) {
          reasons.add(outcome.reason);
          continue;
        }
        // Accepted only if the conflicting copy was not read: an id sent twice counts as absent.
        assertThat(outcome.verified.timestamp()).isEqualTo(original.timestamp());
        assertThat(outcome.verified.deliveryId())
            .as("%s with %s sent twice", provider.name(), repeated)
            .isIn(original.deliveryId(), java.util.Optional.empty());
      }
      // The header that carries the signature is always among those refused.
      assertThat(reasons).as(provider.name()).contains(Reason.MALFORMED_SIGNATURE);
    }
  }

  @Test
  void emptyBlankOrPaddedSecrets_refusedAtConfigurationWithoutEchoingThem() {
    for (Provider provider : Providers.all()) {
      for (String bad : new String[] {"", "   ", "\n"}) {
        assertRefused(provider, bad);
      }
      if (provider.usesPublicKeys()) {
        continue;
      }
      for (String padded : new String[] {" " + SECRET, SECRET + "\n"}) {
        if (!BASE64_SECRETS.contains(provider.name())) {
          assertRefused(provider, padded); // In a text secret, whitespace could be key bytes.
          continue;
        }
        // Whitespace is no part of base64: dropped, the key is the unpadded one.
        byte[] body = body(provider);
        Map<String, String> headers =
            provider.sender().sign(SECRET, webhook(provider, body)).headers();
        assertThat(outcome(verifier(provider, padded), request(headers, body)).reason)
            .as(provider.name())
            .isNull();
      }
    }
  }

  private static void assertRefused(Provider provider, String secret) {
    try {
      provider.verifier(List.of(secret));
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).doesNotContain(SECRET.substring(6));
      return;
    }
    throw new AssertionError(provider.name() + " accepted the secret '" + secret + "'");
  }
}
