package dev.hookverify;

import static dev.hookverify.Signing.hex;
import static dev.hookverify.Signing.hmac;
import static dev.hookverify.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class VerificationListenerTest {
  private static final byte[] SECRET = utf8("listener-secret");
  private static final byte[] BODY = utf8("{\"id\":1}");

  private static WebhookVerifier verifier(VerificationListener listener) {
    return WebhookVerifier.builder("github")
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(
                    SignatureHeader.builder("X-Hub-Signature-256").prefix("sha256=").build())
                .secret(WebhookSecret.ofBytes(SECRET))
                .build())
        .listener(listener)
        .build();
  }

  private static WebhookRequest signed() {
    return WebhookRequest.builder()
        .header("X-Hub-Signature-256", "sha256=" + hex(hmac(HmacAlgorithm.SHA256, SECRET, BODY)))
        .body(BODY)
        .build();
  }

  @Test
  void all_callsEachListenerInOrder_evenAfterOneThrows() throws Exception {
    List<String> calls = new CopyOnWriteArrayList<>();
    VerificationListener all =
        VerificationListener.all(
            e -> calls.add("first:" + e.isAccepted()),
            e -> {
              calls.add("throwing");
              throw new IllegalStateException("broken observer");
            },
            e -> calls.add("third:" + e.reason().map(Enum::name).orElse("ACCEPTED")));
    WebhookVerifier verifier = verifier(all);

    verifier.verify(signed());
    assertThat(Signing.reasonOf(verifier, WebhookRequest.builder().body(BODY).build()))
        .isEqualTo(Reason.MISSING_SIGNATURE);

    assertThat(calls)
        .containsExactly(
            "first:true",
            "throwing",
            "third:ACCEPTED",
            "first:false",
            "throwing",
            "third:MISSING_SIGNATURE");
  }

  @Test
  void all_ofNone_isANoOp_andNullsAreRefusedAtOnce() throws Exception {
    verifier(VerificationListener.all()).verify(signed());
    VerificationListener ok = e -> {};
    assertThatThrownBy(() -> VerificationListener.all(ok, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> VerificationListener.all((VerificationListener[]) null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void all_copiesItsArguments() {
    List<String> calls = new CopyOnWriteArrayList<>();
    VerificationListener[] listeners = {e -> calls.add("original")};
    VerificationListener all = VerificationListener.all(listeners);
    listeners[0] = e -> calls.add("replaced");
    Signing.reasonOf(verifier(all), WebhookRequest.builder().body(BODY).build());
    assertThat(calls).containsExactly("original");
  }
}
