package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.KeyRing;
import dev.hookverify.Proof;
import dev.hookverify.Reason;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flutterwave: no official vector exists; the catalog's DERIVED v4 one is a regression fixture. */
class FlutterwaveTest {
  private static final WebhookSecret HASH = WebhookSecret.ofUtf8("flw_secret_hash");
  private static final byte[] BODY = utf8("{\"type\":\"charge.completed\",\"data\":{\"id\":1}}");
  // DERIVED, not official: computed from the documented algorithm with made-up inputs.
  private static final String SIGNATURE = "E4tf5HWoEsrj7cK/4UxAgti/oh9mCG251EoJ6GqTqA0=";

  @Test
  void verify_derivedV4Vector() throws Exception {
    assertThat(Flutterwave.sign(HASH, BODY)).containsEntry(Flutterwave.SIGNATURE_HEADER, SIGNATURE);
    assertThat(
            Flutterwave.verifier(HASH)
                .verify(request(Map.of(Flutterwave.SIGNATURE_HEADER, SIGNATURE), BODY))
                .proof())
        .isEqualTo(Proof.HMAC_SIGNATURE);
  }

  @Test
  void verify_v3Token_constantTimeAndOnlyWithoutASignature() throws Exception {
    WebhookVerifier verifier = Flutterwave.verifier(HASH);
    assertThat(
            verifier
                .verify(request(Map.of(Flutterwave.VERIF_HASH_HEADER, "flw_secret_hash"), BODY))
                .proof())
        .isEqualTo(Proof.SHARED_TOKEN);
    assertThat(
            reasonOf(
                verifier, request(Map.of(Flutterwave.VERIF_HASH_HEADER, "flw_secret_hasH"), BODY)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    // A wrong signature is not rescued by a right token.
    Map<String, String> both = new LinkedHashMap<>();
    both.put(Flutterwave.SIGNATURE_HEADER, "AAAA" + SIGNATURE.substring(4));
    both.put(Flutterwave.VERIF_HASH_HEADER, "flw_secret_hash");
    assertThat(reasonOf(verifier, request(both, BODY))).isEqualTo(Reason.SIGNATURE_MISMATCH);
    // Accounts that never send v3 can refuse the token altogether.
    assertThat(
            reasonOf(
                Flutterwave.signaturesOnly(KeyRing.of(HASH)).build(),
                request(Map.of(Flutterwave.VERIF_HASH_HEADER, "flw_secret_hash"), BODY)))
        .isEqualTo(Reason.MISSING_SIGNATURE);
  }
}
