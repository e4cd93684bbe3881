package dev.hookverify.example;

import dev.hookverify.DeliveryIdSource;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.SignatureHeader;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import java.nio.charset.StandardCharsets;

/**
 * GitHub's signature checked by hand, as docs/building-blocks.md shows it, runnable: {@code mvn -q
 * -pl verify-core test-compile exec:java@example}. Verifies GitHub's documented example delivery,
 * then a tampered copy.
 */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) throws Exception {
    WebhookVerifier verifier = WebhookVerifier.builder("github")
        .authenticator(HmacAuthenticator.builder(HmacAlgorithm.SHA256)
            .signatureHeader(
                SignatureHeader.builder("X-Hub-Signature-256").prefix("sha256=").build())
            .secret(WebhookSecret.ofUtf8("It's a Secret to Everybody"))
            .build())
        .deliveryId(DeliveryIdSource.header("X-GitHub-Delivery"))
        .build();

    WebhookRequest genuine = WebhookRequest.builder()
        .header("X-Hub-Signature-256",
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
        .header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
        .body("Hello, World!".getBytes(StandardCharsets.UTF_8))
        .build();
    VerifiedWebhook webhook = verifier.verify(genuine);
    System.out.println("verified: " + webhook);

    WebhookRequest tampered = WebhookRequest.builder()
        .header("X-Hub-Signature-256",
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
        .body("Hello, World?".getBytes(StandardCharsets.UTF_8))
        .build();
    try {
      verifier.verify(tampered);
      throw new IllegalStateException("a tampered delivery was accepted");
    } catch (WebhookVerificationException e) {
      System.out.println("rejected: " + e.reason() + " (HTTP " + e.reason().httpStatus() + ")");
    }
  }
}
