package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.cost.ThreadCost;
import org.junit.jupiter.api.Test;

/** DocuSign: the derived vector, numbered headers in any slot, and their bound. */
class DocuSignTest {
  // DERIVED, not official: shared/providers-next.md section 45.
  private static final String KEY = "docusign_hmac_key";
  private static final String BODY =
      "{\"event\":\"envelope-sent\",\"data\":{\"envelopeId\":\"e1\"}}";
  private static final String SIGNATURE = "V3cxkqDP/8hegnoUWVeXSFKkBFFES/RXjWkDUesElEw=";
  private static final String OTHER =
      DocuSign.signature(WebhookSecret.ofUtf8("another-key"), utf8(BODY));

  private final WebhookVerifier verifier = DocuSign.verifier(WebhookSecret.ofUtf8(KEY));

  private static WebhookRequest.Builder request() {
    return WebhookRequest.builder().body(utf8(BODY));
  }

  @Test
  void derivedVector_verifiesInAnyNumberedHeader() {
    assertThat(DocuSign.signature(WebhookSecret.ofUtf8(KEY), utf8(BODY))).isEqualTo(SIGNATURE);
    assertThat(reasonOf(verifier, request().header("X-DocuSign-Signature-1", SIGNATURE).build()))
        .isNull();
    assertThat(
            reasonOf(
                verifier,
                request()
                    .header("X-DocuSign-Signature-1", OTHER)
                    .header("X-DocuSign-Signature-2", SIGNATURE)
                    .build()))
        .isNull();
    assertThat(reasonOf(verifier, request().header("x-docusign-signature-100", SIGNATURE).build()))
        .isNull();
    assertThat(reasonOf(verifier, request().header("X-DocuSign-Signature-1", OTHER).build()))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void numberedHeaders_boundedLookupAndCount() {
    // Past the highest number looked up: never read.
    assertThat(reasonOf(verifier, request().header("X-DocuSign-Signature-101", SIGNATURE).build()))
        .isEqualTo(Reason.MISSING_SIGNATURE);
    assertThat(reasonOf(verifier, request().header("X-DocuSign-Signature-01", SIGNATURE).build()))
        .isEqualTo(Reason.MISSING_SIGNATURE);
    // Repeated: malformed, not tried twice.
    assertThat(
            reasonOf(
                verifier,
                request()
                    .header("X-DocuSign-Signature-1", OTHER)
                    .header("X-DocuSign-Signature-1", SIGNATURE)
                    .build()))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    // Sixteen present are tried; seventeen are refused before any MAC.
    WebhookRequest.Builder sixteen = request();
    for (int i = 1; i <= 15; i++) {
      sixteen.header("X-DocuSign-Signature-" + i, OTHER);
    }
    sixteen.header("X-DocuSign-Signature-16", SIGNATURE);
    assertThat(reasonOf(verifier, sixteen.build())).isNull();
    WebhookRequest.Builder hundreds = request();
    for (int i = 1; i <= 500; i++) {
      hundreds.header("X-DocuSign-Signature-" + i, i == 1 ? SIGNATURE : OTHER);
    }
    WebhookRequest flood = hundreds.build();
    reasonOf(verifier, flood);
    long allocated = ThreadCost.allocatedBytes();
    assertThat(reasonOf(verifier, flood)).isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(ThreadCost.allocatedBytes() - allocated).isLessThan(64 * 1024);
  }

  @Test
  void rotation_twoKeysTwoHeaders_eitherOrderAccepted() {
    WebhookVerifier both =
        DocuSign.builder(
                KeyRing.builder()
                    .add("old", WebhookSecret.ofUtf8(KEY))
                    .add("new", WebhookSecret.ofUtf8("another-key"))
                    .build())
            .build();
    assertThat(reasonOf(both, request().header("X-DocuSign-Signature-2", OTHER).build())).isNull();
    assertThat(reasonOf(both, request().header("X-DocuSign-Signature-1", SIGNATURE).build()))
        .isNull();
  }
}
