package dev.hookverify.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.IdempotentVerifier;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import dev.hookverify.providers.Stripe;
import org.junit.jupiter.api.Test;

/** The builder checks each input at once. */
class HookverifyFeatureTest {
  private static final WebhookVerifier STRIPE = Stripe.verifier(WebhookSecret.ofUtf8("whsec_x"));

  @Test
  void endpoint_sameNameTwice_isRefusedAtOnce() {
    HookverifyFeature.Builder builder = HookverifyFeature.builder().endpoint("stripe", STRIPE);
    IdempotentVerifier idempotent =
        IdempotentVerifier.builder(STRIPE, new InMemoryIdempotencyStore(10)).build();
    assertThatThrownBy(() -> builder.endpoint("stripe", idempotent))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stripe");
  }

  @Test
  void endpoint_blankOrNullName_isRefused() {
    assertThatThrownBy(() -> HookverifyFeature.builder().endpoint(" ", STRIPE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HookverifyFeature.builder().endpoint(null, STRIPE))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> HookverifyFeature.builder().endpoint("x", (WebhookVerifier) null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void build_withoutEndpoints_isRefused() {
    assertThatThrownBy(() -> HookverifyFeature.builder().build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void maxBodyBytes_outOfRange_isRefused() {
    assertThatThrownBy(() -> HookverifyFeature.builder().maxBodyBytes(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HookverifyFeature.builder().maxBodyBytes(Integer.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(HookverifyFeature.builder().maxBodyBytes(0)).isNotNull();
  }

  @Test
  void publicUrl_notAnAbsoluteHttpUrlWithoutQuery_isRefused() {
    for (String bad :
        new String[] {
          "hooks.example.com",
          "/webhooks",
          "ftp://example.com/",
          "https://example.com/?a=b",
          "https://example.com/#f",
          "https://exa mple.com/"
        }) {
      assertThatThrownBy(() -> HookverifyFeature.builder().publicUrl(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void toString_namesEndpointsAndNoSecrets() {
    HookverifyFeature feature = HookverifyFeature.builder().endpoint("stripe", STRIPE).build();
    assertThat(feature.toString()).contains("stripe").doesNotContain("whsec_x");
  }
}
