package dev.hookverify.spring.autoconfigure.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.KeyRing;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.GitHub;
import org.junit.jupiter.api.Test;

/** The builder checks each input at once. */
class WebhookWebFilterBuilderTest {
  private final WebhookVerifier verifier =
      GitHub.builder(KeyRing.of(WebhookSecret.ofUtf8("builder-test-secret"))).build();

  @Test
  void build_withoutPath_isRejected() {
    assertThatThrownBy(() -> WebhookWebFilter.builder(verifier).build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void path_relative_isRejected() {
    assertThatThrownBy(() -> WebhookWebFilter.builder(verifier).path("webhooks"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void publicBaseUrl_withQueryOrUserInfoOrOtherScheme_isRejected() {
    for (String url :
        new String[] {"https://h.example/api?x=1", "https://u:p@h.example", "ftp://h.example"}) {
      assertThatThrownBy(() -> WebhookWebFilter.builder(verifier).publicBaseUrl(url))
          .as(url)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void order_defaultsToBeforeSecurityAndHiddenMethod() {
    WebhookWebFilter filter = WebhookWebFilter.builder(verifier).path("/hook").build();

    assertThat(filter.getOrder()).isEqualTo(WebhookWebFilter.DEFAULT_ORDER).isLessThan(-10_000);
    assertThat(WebhookWebFilter.builder(verifier).path("/h").order(5).build().getOrder())
        .isEqualTo(5);
  }
}
