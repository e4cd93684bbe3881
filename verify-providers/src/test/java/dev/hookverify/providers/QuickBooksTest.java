package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.Reason;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** QuickBooks Online's official vector and its negative, through the public API. */
class QuickBooksTest {
  // OFFICIAL (SDK test): intuit/QuickBooks-V3-Java-SDK
  // ipp-v3-java-devkit/src/test/java/com/intuit/ipp/services/WebhooksServiceTest.java (139f250).
  private static final String VERIFIER_TOKEN = "b5771f19b12ddb4bcdb9f08bdc50bc63878a";
  private static final String PAYLOAD =
      "{\"eventNotifications\":[{\"realmId\":\"1185883450\",\"dataChangeEvent\":{\"entities\":"
          + "[{\"name\":\"Customer\",\"id\":\"1\",\"operation\":\"Create\","
          + "\"lastUpdated\":\"2015-10-05T14:42:19-0700\"}]}}]}";
  private static final String SIGNATURE = "JC2GUwciPmRBwEO7WvrRmKqu9tGOKL8FFallocTFi8Q=";

  private final WebhookVerifier verifier =
      QuickBooks.verifier(WebhookSecret.ofUtf8(VERIFIER_TOKEN));

  @Test
  void officialVector_verifiesAndOurSignerAgrees() {
    assertThat(
            reasonOf(
                verifier, request(Map.of(QuickBooks.SIGNATURE_HEADER, SIGNATURE), utf8(PAYLOAD))))
        .isNull();
    assertThat(QuickBooks.sign(WebhookSecret.ofUtf8(VERIFIER_TOKEN), utf8(PAYLOAD)))
        .containsEntry(QuickBooks.SIGNATURE_HEADER, SIGNATURE);
  }

  @Test
  void officialNegative_signature1234_isRejected() {
    // The SDK answers false; the four characters decode to three bytes, not a 32-byte tag.
    assertThat(reasonOf(verifier, request(Map.of("intuit-signature", "1234"), utf8(PAYLOAD))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(
            reasonOf(verifier, request(Map.of("intuit-signature", SIGNATURE), utf8(PAYLOAD + " "))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }
}
