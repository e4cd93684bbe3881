package dev.hookverify.providers;

import dev.hookverify.WebhookSecret;
import java.nio.charset.StandardCharsets;

/** Secret text for the few legacy schemes that hash the secret itself instead of keying a MAC. */
final class WebhookSecretText {
  private WebhookSecretText() {}

  /** The UTF-8 bytes of {@code text}, refused on the same terms as {@link WebhookSecret#ofUtf8}. */
  static byte[] bytes(String text) {
    WebhookSecret.ofUtf8(text); // the same checks: not empty, blank or padded
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
