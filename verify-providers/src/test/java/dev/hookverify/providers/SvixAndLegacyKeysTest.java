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
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 9, finding 5 (a) and (c): the proof path never chooses the delivery's id or key. */
class SvixAndLegacyKeysTest {
  private static final long NOW = 1_800_000_000L;
  private static final String URL = "https://receiver.example/hooks";
  private static final byte[] BODY = utf8("{\"type\":\"user.created\"}");

  @Test
  void verify_unsignedSvixIdBesideSignedWebhookHeaders_isNotTheDeliveryId() throws Exception {
    String whsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    WebhookVerifier svix =
        Svix.builder("clerk", KeyRing.of(StandardWebhooks.secret(whsec))).clock(at(NOW)).build();
    Map<String, String> headers =
        new LinkedHashMap<>(
            StandardWebhooks.sign(StandardWebhooks.secret(whsec), "msg_1", NOW, BODY));
    VerifiedWebhook genuine = svix.verify(request(URL, headers, BODY));
    headers.put("svix-id", "msg_chosen_by_the_replayer");
    VerifiedWebhook replayed = svix.verify(request(URL, headers, BODY));
    assertThat(replayed.deliveryId()).contains("msg_1");
    assertThat(replayed.isDeliveryIdSigned()).isTrue();
    assertThat(replayed.deliveryKey()).isEqualTo(genuine.deliveryKey());
  }

  @Test
  void verify_wrongSha256BesideAValidLegacySha1_isRejected() {
    WebhookSecret secret = WebhookSecret.ofUtf8("gh-secret");
    WebhookVerifier github = GitHub.builderAcceptingLegacySha1(KeyRing.of(secret)).build();
    Map<String, String> headers = new LinkedHashMap<>(GitHub.sign(secret, "d-1", BODY));
    headers.put(GitHub.SIGNATURE_HEADER, "sha256=" + "0".repeat(64));
    assertThat(reasonOf(github, request(URL, headers, BODY))).isEqualTo(Reason.SIGNATURE_MISMATCH);
    headers.remove(GitHub.SIGNATURE_HEADER);
    assertThat(reasonOf(github, request(URL, headers, BODY))).isNull();
  }
}
