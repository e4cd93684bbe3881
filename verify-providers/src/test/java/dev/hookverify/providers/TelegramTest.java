package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.Proof;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Telegram's secret token (no vector exists: a token is compared, not computed). The token is a
 * shared token, compared in constant time (TokenAuthenticator) and never in a message.
 */
class TelegramTest {
  private static final String TOKEN = "my-Secret_token-0123456789";
  private static final byte[] UPDATE =
      utf8("{\"update_id\":123456789,\"message\":{\"message_id\":1,\"text\":\"hi\"}}");

  private final WebhookVerifier verifier =
      Providers.byName("telegram").verifier(List.of(TOKEN)).build();

  @Test
  void verify_genuineToken_isASharedTokenWithTheUnsignedUpdateId() throws Exception {
    Map<String, String> headers =
        Providers.byName("telegram")
            .sender()
            .sign(TOKEN, dev.hookverify.providers.signing.OutgoingWebhook.builder(UPDATE).build())
            .headers();
    assertThat(headers).containsEntry(Telegram.SECRET_TOKEN_HEADER, TOKEN);
    VerifiedWebhook webhook = verifier.verify(request(headers, UPDATE));
    assertThat(webhook.proof()).isEqualTo(Proof.SHARED_TOKEN);
    assertThat(webhook.deliveryId()).contains("123456789");
    assertThat(webhook.isDeliveryIdSigned()).isFalse();
  }

  @Test
  void verify_wrongMissingRepeatedOrOversizedToken_isRejectedWithoutEchoingIt() {
    String forged = TOKEN.substring(0, TOKEN.length() - 1) + "X";
    assertThat(reasonOf(verifier, request(Map.of(Telegram.SECRET_TOKEN_HEADER, forged), UPDATE)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(reasonOf(verifier, request(Map.of(), UPDATE))).isEqualTo(Reason.MISSING_SIGNATURE);
    WebhookRequest twice =
        WebhookRequest.builder()
            .header(Telegram.SECRET_TOKEN_HEADER, TOKEN)
            .header(Telegram.SECRET_TOKEN_HEADER, forged)
            .body(UPDATE)
            .build();
    assertThat(reasonOf(verifier, twice)).isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(
            reasonOf(
                verifier, request(Map.of(Telegram.SECRET_TOKEN_HEADER, "a".repeat(5000)), UPDATE)))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThatThrownBy(
            () -> verifier.verify(request(Map.of(Telegram.SECRET_TOKEN_HEADER, forged), UPDATE)))
        .isInstanceOf(WebhookVerificationException.class)
        .satisfies(
            e -> {
              assertThat(e.getMessage()).doesNotContain(forged).doesNotContain(TOKEN);
              assertThat(e.toString()).doesNotContain(TOKEN);
            });
    assertThat(verifier.toString()).doesNotContain(TOKEN);
  }
}
