package dev.hookverify.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.IdempotentVerifier;
import dev.hookverify.InboxVerifier;
import dev.hookverify.KeyRing;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import dev.hookverify.inbox.DeliveryInbox;
import dev.hookverify.providers.GitHub;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The builder checks each option when it is given, not on the first webhook. */
class WebhookFilterBuilderTest {
  private final WebhookVerifier github =
      GitHub.builder(KeyRing.of(WebhookSecret.ofUtf8("builder-secret"))).build();

  private WebhookFilter.Builder inboxMode() throws Exception {
    DeliveryInbox inbox = DeliveryInbox.builder(WebhookFilterContract.closedPort()).build();
    return WebhookFilter.builder(InboxVerifier.builder(github, inbox).build());
  }

  @Test
  void acknowledgement_any2xx_isAccepted_withABodyExceptOnNoContent() throws Exception {
    for (int status : List.of(200, 201, 202, 204, 299)) {
      assertThat(inboxMode().acknowledgement(status).build()).as("%d", status).isNotNull();
    }
    assertThat(inboxMode().acknowledgement(200, "[accepted]").build().toString())
        .contains("acknowledgement=200 [10 bytes]")
        .doesNotContain("[accepted]");
  }

  @Test
  void acknowledgement_notA2xx_isRefusedAtOnce() throws Exception {
    WebhookFilter.Builder builder = inboxMode();
    for (int status : List.of(100, 199, 300, 302, 401, 503, -1)) {
      assertThatThrownBy(() -> builder.acknowledgement(status))
          .as("%d", status)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void acknowledgement_bodyOnANoContentStatus_isRefusedAtOnce() throws Exception {
    WebhookFilter.Builder builder = inboxMode();
    for (int status : List.of(204, 205)) {
      assertThatThrownBy(() -> builder.acknowledgement(status, "[accepted]"))
          .as("%d", status)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> builder.acknowledgement(200, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void acknowledgement_outsideInboxMode_isRefused_becauseTheApplicationAnswersThere() {
    List<WebhookFilter.Builder> others =
        List.of(
            WebhookFilter.builder(github),
            WebhookFilter.builder(
                IdempotentVerifier.builder(github, new InMemoryIdempotencyStore(10)).build()));
    for (WebhookFilter.Builder builder : others) {
      assertThatThrownBy(() -> builder.acknowledgement(200))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> builder.acknowledgement(200, "[accepted]"))
          .isInstanceOf(IllegalStateException.class);
    }
  }
}
