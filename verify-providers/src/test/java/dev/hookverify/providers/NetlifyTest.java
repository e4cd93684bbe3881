package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Netlify deploy notifications with a JWS secret. No official vector exists. */
class NetlifyTest {
  // DERIVED (not official): shared/providers-next.md section 67.
  private static final String SECRET = "netlify_jws_secret";
  private static final String BODY = "{\"id\":\"deploy1\",\"state\":\"ready\"}";
  private static final String TOKEN =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJuZXRsaWZ5Iiwic2hhMjU2IjoiNDdiMmVhODRiN2RjNzZiMmY4OWY5ZjJmMmJlN2M0NzQxMWZjMmZiZjlkODJiM2M5ZGQxNGU2MGRkOTk3NmMzYyJ9.WFmELzBso-Kwemwj0GpMOzxp6A6efc2li8PTd0137Cc";

  private static final WebhookVerifier VERIFIER =
      Netlify.builder(KeyRing.of(WebhookSecret.ofUtf8(SECRET))).clock(at(1_800_000_000L)).build();

  @Test
  void derivedVector_kitReproducesItAndTheVerifierAcceptsIt() throws Exception {
    // DERIVED, not official: a regression fixture of the documented shape.
    Map<String, String> headers = Netlify.sign(WebhookSecret.ofUtf8(SECRET), utf8(BODY));
    assertThat(headers).containsExactly(Map.entry("X-Webhook-Signature", TOKEN));
    VerifiedWebhook webhook = VERIFIER.verify(request(headers, utf8(BODY)));
    assertThat(webhook.jws().orElseThrow().stringClaim("iss")).contains("netlify");
    assertThat(webhook.deliveryKey()).isNotNull();
  }

  @Test
  void tamperedBody_otherIssuer_andShortSecrets() {
    Map<String, String> headers = Map.of("X-Webhook-Signature", TOKEN);
    assertThat(reasonOf(VERIFIER, request(headers, utf8(BODY.replace("ready", "error")))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    String other =
        Jws.hs256(
            WebhookSecret.ofUtf8(SECRET),
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
            "{\"iss\":\"someone\",\"sha256\":\"47b2ea84b7dc76b2f89f9f2f2be7c47411fc2fbf9d82b3c9dd14e60dd9976c3c\"}");
    assertThat(reasonOf(VERIFIER, request(Map.of("X-Webhook-Signature", other), utf8(BODY))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    // A secret far shorter than 256 bits works (Nimbus refuses it; Netlify allows it).
    WebhookSecret shortSecret = WebhookSecret.ofUtf8("abc");
    WebhookVerifier verifier = Netlify.builder(KeyRing.of(shortSecret)).build();
    assertThat(reasonOf(verifier, request(Netlify.sign(shortSecret, utf8(BODY)), utf8(BODY))))
        .isNull();
  }
}
