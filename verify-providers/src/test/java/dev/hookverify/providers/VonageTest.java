package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.JwsAlgorithm;
import dev.hookverify.JwsVerifier;
import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedJws;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Vonage signed webhooks: the official JWT vectors, the derived webhook, tampering, freshness. */
class VonageTest {
  // OFFICIAL (SDK test): Vonage/vonage-jwt-jdk src/test/kotlin/com/vonage/jwt/JwtValidatorTest.kt,
  // commit a973393, as quoted in shared/providers-next.md section 48.
  private static final String INPUT =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZG1pbiIsIm5hbWUiOiJTaW5hIiwiaWF0IjoxNjk4MjU4NjY3fQ";
  private static final long IAT = 1698258667L;
  private static final String[][] OFFICIAL = {
    {
      "0c15c425fe48dd59dab5fb3eea57d528f405a71d78ae4998deacab4deeb02ca5",
      "ZVSrJeaES6iaBOwd6vMk93my2gq1uCwDi3c7aCIMqa0"
    },
    {
      "decafea1deadbeef0123456789abcdef0123456789abcdef0123456789abcdef",
      "pZ2YiYpipVpf59vZgUHLYICJwhVISwBhy_q9WokKm2A"
    },
    {
      "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c",
      "YNz-ojcIge37-LwXjOY835p64iXKPR_iHzLnn1msR50"
    },
  };

  // DERIVED (not official): a complete Vonage-style signed webhook, shared/providers-next.md 48.
  private static final String DERIVED_SECRET = "vonage_signature_secret_0123456789";
  private static final String DERIVED_BODY =
      "{\"message_uuid\":\"aaaaaaaa-bbbb-cccc-dddd-0123456789ab\",\"status\":\"delivered\"}";
  private static final String DERIVED_TOKEN =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAsImp0aSI6ImM1YmE4ZjI0LTFhMTQtNGMxMC1iZmRmLTNmYmU4Y2U1MTFiNSIsImlzcyI6IlZvbmFnZSIsInBheWxvYWRfaGFzaCI6IjMyMTM4YjY0NzVjNGM0YjU1YjI0YjU2MjBlOTJjZGNmMzI2ZDQ0ZDcyZjVjNDI1MzVlMGQyZTg2NWFmNWI1YzciLCJhcGlfa2V5IjoiYWJjZDEyMzQiLCJhcHBsaWNhdGlvbl9pZCI6ImFhYWFhYWFhLWJiYmItY2NjYy1kZGRkLTAxMjM0NTY3ODlhYiJ9.kDyRsS2Qkde03I9sN23-krxkC5z_pDDSzurOjb8FOrQ";

  private static JwsVerifier hs256(String secret) {
    return JwsVerifier.builder(JwsAlgorithm.HS256)
        .secrets(KeyRing.of(WebhookSecret.ofUtf8(secret)))
        .build();
  }

  @Test
  void officialVectors_verifyThroughThePublicJwsApi() throws Exception {
    List<String> failures = new ArrayList<>();
    for (String[] vector : OFFICIAL) {
      // The HMAC key is the secret's text, not its hex decoding.
      try {
        VerifiedJws jws = hs256(vector[0]).verify(INPUT + "." + vector[1], at(IAT));
        if (!jws.stringClaim("name").orElse("").equals("Sina")) {
          failures.add(vector[1] + " claims");
        }
      } catch (WebhookVerificationException e) {
        failures.add(vector[1] + " " + e.reason());
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void officialNegatives_areSignatureMismatches() {
    String token = INPUT + "." + OFFICIAL[0][1];
    // The SDK test: the secret with 'e' replaced by 'f' fails, as does the no-secret signature.
    assertThat(reason(hs256(OFFICIAL[0][0].replace('e', 'f')), token))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(
            reason(hs256(OFFICIAL[0][0]), INPUT + ".JYE9nZOm-ouJm75YB79ouwStFowe7jsEqNg1ehmmZmE"))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(reason(hs256(OFFICIAL[1][0]), token)).isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void derivedWebhook_kitReproducesTheTokenAndTheVerifierAcceptsIt() throws Exception {
    // DERIVED, not official: a regression fixture of the documented shape.
    Map<String, String> headers =
        Vonage.sign(
            WebhookSecret.ofUtf8(DERIVED_SECRET),
            1_700_000_000L,
            "c5ba8f24-1a14-4c10-bfdf-3fbe8ce511b5",
            "abcd1234",
            "aaaaaaaa-bbbb-cccc-dddd-0123456789ab",
            utf8(DERIVED_BODY));
    assertThat(headers).containsEntry("Authorization", "Bearer " + DERIVED_TOKEN);

    WebhookVerifier verifier = verifier(1_700_000_000L);
    VerifiedWebhook webhook = verifier.verify(request(headers, utf8(DERIVED_BODY)));
    assertThat(webhook.deliveryId()).contains("aaaaaaaa-bbbb-cccc-dddd-0123456789ab");
    assertThat(webhook.isDeliveryIdSigned()).isTrue();
    assertThat(webhook.timestamp()).contains(java.time.Instant.ofEpochSecond(1_700_000_000L));
    VerifiedJws jws = webhook.jws().orElseThrow();
    assertThat(jws.stringClaim("api_key")).contains("abcd1234");
    assertThat(jws.stringClaim("iss")).contains("Vonage");
  }

  @Test
  void tamperedBody_isSignatureMismatch_andStaleOrFutureIatIsRejected() {
    Map<String, String> headers = Map.of("Authorization", "Bearer " + DERIVED_TOKEN);
    byte[] other = utf8(DERIVED_BODY.replace("delivered", "rejected"));
    assertThat(reasonOf(verifier(1_700_000_000L), request(headers, other)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    // iat is 1_700_000_000: 5 minutes (+1 min skew) old is the edge.
    assertThat(reasonOf(verifier(1_700_000_360L), request(headers, utf8(DERIVED_BODY)))).isNull();
    assertThat(reasonOf(verifier(1_700_000_361L), request(headers, utf8(DERIVED_BODY))))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(reasonOf(verifier(1_699_999_940L), request(headers, utf8(DERIVED_BODY)))).isNull();
    assertThat(reasonOf(verifier(1_699_999_939L), request(headers, utf8(DERIVED_BODY))))
        .isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
  }

  @Test
  void tokenWithoutPayloadHash_isMalformed_andOtherSchemesAreMalformed() {
    String token =
        Jws.hs256(
            WebhookSecret.ofUtf8(DERIVED_SECRET),
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
            "{\"iat\":1700000000,\"iss\":\"Vonage\"}");
    assertThat(
            reasonOf(
                verifier(1_700_000_000L),
                request(Map.of("Authorization", "Bearer " + token), utf8(DERIVED_BODY))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(
            reasonOf(
                verifier(1_700_000_000L),
                request(Map.of("Authorization", "Basic dXNlcjpwYXNz"), utf8(DERIVED_BODY))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reasonOf(verifier(1_700_000_000L), request(Map.of(), utf8(DERIVED_BODY))))
        .isEqualTo(Reason.MISSING_SIGNATURE);
  }

  @Test
  void registry_toleranceOptionReplacesTheDefault() {
    Map<String, String> headers = Map.of("Authorization", "Bearer " + DERIVED_TOKEN);
    WebhookVerifier lenient =
        Providers.byName("vonage")
            .verifier(
                List.of(DERIVED_SECRET),
                ProviderOptions.builder().tolerance(Duration.ofHours(1)).build())
            .clock(at(1_700_003_000L))
            .build();
    assertThat(reasonOf(lenient, request(headers, utf8(DERIVED_BODY)))).isNull();
  }

  private static WebhookVerifier verifier(long now) {
    return Vonage.builder(KeyRing.of(WebhookSecret.ofUtf8(DERIVED_SECRET))).clock(at(now)).build();
  }

  private static Reason reason(JwsVerifier verifier, String token) {
    try {
      verifier.verify(token, at(IAT));
      return null;
    } catch (WebhookVerificationException e) {
      return e.reason();
    }
  }
}
