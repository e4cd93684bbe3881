package dev.hookverify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * A verification cut short by an {@link Error} (a StackOverflowError in the application's header
 * lookup) must not leave the bytes it fed in the thread's {@code Mac}: otherwise the next request
 * on that thread is checked against HMAC(leftover ‖ its own content), and a signed message split
 * across two requests verifies. Found in review of the Mac pool; the platform-thread case was open
 * before.
 */
class InterruptedMacTest {
  private static final WebhookSecret SECRET = WebhookSecret.ofUtf8("whsec-interrupted-mac-secret");
  private static final SignedContent CONTENT =
      SignedContent.builder().header("X-A").header("X-B").body().build();

  private final HmacAuthenticator authenticator =
      HmacAuthenticator.builder(HmacAlgorithm.SHA256)
          .signatureHeader(
              SignatureHeader.builder("X-Sig").encoding(SignatureEncoding.BASE64).build())
          .signedContent(CONTENT)
          .keys(KeyRing.of(SECRET))
          .build();
  // Exactly MacSink's 256-byte gather buffer: one character more makes the sink hand these 256
  // bytes to the Mac itself. Shorter parts are only gathered, and the next verification drops what
  // was gathered, so they would not show whether the Mac is reset.
  private static final String LONG = "evt_" + "x".repeat(252);

  private final AuthenticationContext context = new AuthenticationContext(Clock.systemUTC());

  @Test
  void aSignedMessageSplitAcrossAnInterruptedRequestAndTheNextOne_isRejected() throws Exception {
    // Genuinely signed: X-A LONG, X-B "1", body {"amount":1}.
    WebhookRequest genuine = request(LONG, "1", "{\"amount\":1}", signature());
    assertThat(authenticator.attempt(genuine, context)).isInstanceOf(Attempt.Proven.class);

    // Feeds LONG + "1" (X-A), then the lookup of X-B throws an Error.
    WebhookRequest poison =
        WebhookRequest.builder()
            .method("POST")
            .uri("https://example.com/hooks")
            .header("X-Sig", signature())
            .header("X-A", LONG + "1")
            .headers(
                name -> {
                  if (name.equals("X-B")) {
                    throw new StackOverflowError("deep recursion in the application's lookup");
                  }
                  return null;
                })
            .body(new byte[0])
            .build();
    assertThatThrownBy(() -> authenticator.attempt(poison, context))
        .isInstanceOf(StackOverflowError.class);

    // Never signed: only LONG, left in the Mac, would make these bytes the genuine message.
    WebhookRequest forged = request("1{\"amount\"", ":1}", "", signature());
    assertThat(authenticator.attempt(forged, context)).isInstanceOf(Attempt.Rejected.class);
    assertThat(authenticator.attempt(genuine, context)).isInstanceOf(Attempt.Proven.class);
  }

  private static String signature() throws Exception {
    WebhookRequest signed = request(LONG, "1", "{\"amount\":1}", "");
    return Base64.getEncoder()
        .encodeToString(CONTENT.hmac(HmacAlgorithm.SHA256, SECRET, signed, ""));
  }

  private static WebhookRequest request(String a, String b, String body, String signature) {
    return WebhookRequest.builder()
        .method("POST")
        .uri("https://example.com/hooks")
        .header("X-Sig", signature)
        .header("X-A", a)
        .header("X-B", b)
        .body(body.getBytes(UTF_8))
        .build();
  }
}
