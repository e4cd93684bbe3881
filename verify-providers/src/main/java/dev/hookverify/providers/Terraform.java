package dev.hookverify.providers;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * HCP Terraform and Terraform Enterprise notifications (generic webhooks): {@code
 * X-TFE-Notification-Signature: <hex>}, HMAC-SHA512 of the raw body with the notification
 * configuration's token as UTF-8; sent only when the configuration has a token. No timestamp, no
 * delivery id (a run's notifications differ in {@code notifications[].run_status}, so deliveries
 * are keyed on a digest of the signed body).
 *
 * @see <a
 *     href="https://developer.hashicorp.com/terraform/cloud-docs/workspaces/settings/notifications#notification-authenticity">HCP
 *     Terraform: notification authenticity</a>
 */
public final class Terraform {
  /** The registry name. */
  public static final String NAME = "terraform";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-TFE-Notification-Signature";

  static final BodyHmac SCHEME =
      new BodyHmac(HmacAlgorithm.SHA512, SIGNATURE_HEADER, "", SignatureEncoding.HEX);

  private Terraform() {}

  /** A verifier builder for the notification tokens of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the notification tokens of {@code keys}, configured by {@code options}.
   * Terraform signs no timestamp and no URL and has no legacy scheme, so no option applies: only
   * the defaults are accepted.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME).authenticator(SCHEME.authenticator(keys));
  }

  /** The header Terraform sends. */
  static Map<String, String> sign(WebhookSecret token, byte[] body) {
    return SCHEME.sign(token, body);
  }
}
