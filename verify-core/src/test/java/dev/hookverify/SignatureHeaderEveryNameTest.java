package dev.hookverify;

import static dev.hookverify.Signing.base64;
import static dev.hookverify.Signing.hmac;
import static dev.hookverify.Signing.reasonOf;
import static dev.hookverify.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link SignatureHeader.Builder#everyName}: each name present contributes one signature
 * (DocuSign's numbered headers, Box's primary and secondary), only the names given are looked up,
 * and the candidate cap, repeats and prefixes are enforced as in the other layouts.
 */
class SignatureHeaderEveryNameTest {
  private static final byte[] KEY = utf8("every-name-key");
  private static final byte[] BODY = utf8("{\"event\":\"sent\"}");
  private static final String GOOD = base64(hmac(HmacAlgorithm.SHA256, KEY, BODY));
  private static final String OTHER = base64(hmac(HmacAlgorithm.SHA256, utf8("other"), BODY));
  private static final List<String> NAMES = new ArrayList<>();

  static {
    for (int i = 1; i <= 20; i++) {
      NAMES.add("X-Sig-" + i);
    }
  }

  private static WebhookVerifier verifier(String prefix) {
    SignatureHeader format =
        SignatureHeader.builder(NAMES.get(0), NAMES.subList(1, NAMES.size()).toArray(new String[0]))
            .everyName()
            .prefix(prefix)
            .encoding(SignatureEncoding.BASE64)
            .build();
    return WebhookVerifier.builder("every-name")
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(format)
                .secret(WebhookSecret.ofBytes(KEY))
                .build())
        .build();
  }

  private static WebhookRequest.Builder request() {
    return WebhookRequest.builder().body(BODY);
  }

  @Test
  void everyName_anyPresentHeaderMayCarryTheSignature() {
    WebhookVerifier verifier = verifier("");
    assertThat(reasonOf(verifier, request().header("X-Sig-1", GOOD).build())).isNull();
    assertThat(
            reasonOf(verifier, request().header("X-Sig-1", OTHER).header("x-sig-7", GOOD).build()))
        .isNull();
    assertThat(reasonOf(verifier, request().header("X-Sig-20", " " + GOOD + "\t").build()))
        .isNull();
    assertThat(reasonOf(verifier, request().header("X-Sig-3", OTHER).build()))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(reasonOf(verifier, request().header("X-Sig-21", GOOD).build()))
        .isEqualTo(Reason.MISSING_SIGNATURE);
    assertThat(reasonOf(verifier, request().build())).isEqualTo(Reason.MISSING_SIGNATURE);
  }

  @Test
  void everyName_repeatedTooManyOrUnprefixed_malformed() {
    assertThat(
            reasonOf(
                verifier(""), request().header("X-Sig-2", OTHER).header("X-Sig-2", GOOD).build()))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    WebhookRequest.Builder seventeen = request();
    for (int i = 1; i <= 17; i++) {
      seventeen.header("X-Sig-" + i, i == 1 ? GOOD : OTHER);
    }
    assertThat(reasonOf(verifier(""), seventeen.build())).isEqualTo(Reason.MALFORMED_SIGNATURE);
    WebhookRequest.Builder sixteen = request();
    for (int i = 1; i <= 16; i++) {
      sixteen.header("X-Sig-" + i, i == 16 ? GOOD : OTHER);
    }
    assertThat(reasonOf(verifier(""), sixteen.build())).isNull();
    assertThat(reasonOf(verifier("v1="), request().header("X-Sig-1", GOOD).build()))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reasonOf(verifier("v1="), request().header("X-Sig-1", "v1=" + GOOD).build()))
        .isNull();
    assertThat(
            reasonOf(
                verifier(""),
                request()
                    .header("X-Sig-1", "A".repeat(SignatureHeader.MAX_HEADER_LENGTH + 1))
                    .build()))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void everyName_looksUpOnlyTheNamesGiven_andOneDeliveryHasOneKey() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    WebhookRequest counted =
        WebhookRequest.builder()
            .body(BODY)
            .headers(
                name -> {
                  lookups.incrementAndGet();
                  return name.equals("X-Sig-4") ? List.of(GOOD) : List.of();
                })
            .build();
    WebhookVerifier verifier = verifier("");
    VerifiedWebhook one = verifier.verify(counted);
    assertThat(lookups.get()).isEqualTo(NAMES.size());
    VerifiedWebhook two =
        verifier.verify(request().header("X-Sig-1", OTHER).header("X-Sig-9", GOOD).build());
    assertThat(two.deliveryKey()).isEqualTo(one.deliveryKey());
  }

  @Test
  void everyName_onlyWithTheSingleValueLayout() {
    assertThatThrownBy(
            () -> SignatureHeader.builder("a", "b").everyName().list(',', '=', "v1").build())
        .isInstanceOf(IllegalStateException.class);
  }
}
