package dev.hookverify.providers;

import dev.hookverify.DeliveryIdSource;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Gitea, Forgejo and Gogs: a bare hex HMAC-SHA256 of the raw body with the webhook secret as UTF-8,
 * no prefix, no timestamp. One scheme under three registry names, each reading exactly one header,
 * the one its name says: {@code gitea} reads {@code X-Gitea-Signature}, {@code forgejo} {@code
 * X-Forgejo-Signature}, {@code gogs} {@code X-Gogs-Signature}.
 *
 * <p>Gitea also sends {@code X-Gogs-Signature} and GitHub-style {@code X-Hub-Signature-256} and
 * {@code X-Hub-Signature} (SHA-1) with every delivery, and Forgejo all of Gitea's; all carry MACs
 * of the same body with the same secret. Reading one header, not the first of several present,
 * keeps the proof to one parse and one comparison per key, leaves no question of which of two
 * disagreeing headers decided, and never reaches the SHA-1 one. The other headers are unsigned
 * metadata: adding, dropping or changing them changes nothing. A header sent twice is {@link
 * dev.hookverify.Reason#MALFORMED_SIGNATURE}. Choose the name of the forge that sends; for Gitea
 * 1.x receivers that must also accept Gogs, {@code gogs} works with both.
 *
 * <p>The delivery id ({@code X-Gitea-Delivery}, {@code X-Forgejo-Delivery}, {@code
 * X-Gogs-Delivery}, a UUID kept across redeliveries) is not signed.
 *
 * @see <a href="https://docs.gitea.com/usage/webhooks">Gitea: webhooks</a>
 * @see <a href="https://forgejo.org/docs/latest/user/webhooks/">Forgejo: webhooks</a>
 */
public final class Gitea {
  /** The registry name for Gitea. */
  public static final String NAME = "gitea";

  /** The registry name for Forgejo. */
  public static final String FORGEJO = "forgejo";

  /** The registry name for Gogs. */
  public static final String GOGS = "gogs";

  /** Gitea's signature header. */
  public static final String SIGNATURE_HEADER = "X-Gitea-Signature";

  /** Forgejo's signature header. */
  public static final String FORGEJO_SIGNATURE_HEADER = "X-Forgejo-Signature";

  /** Gogs' signature header (Gitea and Forgejo send it too). */
  public static final String GOGS_SIGNATURE_HEADER = "X-Gogs-Signature";

  private Gitea() {}

  /** The forge {@code name} ({@code gitea}, {@code forgejo} or {@code gogs}) names its headers. */
  private static String prefix(String name) {
    switch (name) {
      case NAME:
        return "X-Gitea-";
      case FORGEJO:
        return "X-Forgejo-";
      case GOGS:
        return "X-Gogs-";
      default:
        throw new IllegalArgumentException("not a Gitea-family registry name: " + name);
    }
  }

  /** The signature header the forge {@code name} is verified by. */
  public static String signatureHeader(String name) {
    return prefix(name) + "Signature";
  }

  /** The delivery id header of the forge {@code name} (unsigned). */
  public static String deliveryHeader(String name) {
    return prefix(name) + "Delivery";
  }

  /** The event header of the forge {@code name} (unsigned). */
  public static String eventHeader(String name) {
    return prefix(name) + "Event";
  }

  private static BodyHmac scheme(String name) {
    return new BodyHmac(HmacAlgorithm.SHA256, signatureHeader(name), "", SignatureEncoding.HEX);
  }

  /** A verifier builder for Gitea ({@code X-Gitea-Signature}) with the secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(NAME, keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the forge {@code name} ({@code gitea}, {@code forgejo} or {@code gogs})
   * with the secrets of {@code keys}. No option applies: only the defaults are accepted.
   *
   * @throws IllegalArgumentException for another name, or if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(
      String name, KeyRing keys, ProviderOptions options) {
    String forge = name.strip().toLowerCase(Locale.ROOT);
    BodyHmac scheme = scheme(forge);
    options.allowOnly(forge);
    return WebhookVerifier.builder(forge)
        .authenticator(scheme.authenticator(keys))
        .deliveryId(DeliveryIdSource.header(deliveryHeader(forge)));
  }

  /**
   * Every MAC header the forge {@code name} sends: Gogs its own; Gitea its own, Gogs' and GitHub's;
   * Forgejo also Gitea's.
   */
  static Map<String, String> sign(String name, WebhookSecret secret, byte[] body) {
    String hex = scheme(name).signature(secret, body);
    Map<String, String> headers = new LinkedHashMap<>();
    if (name.equals(FORGEJO)) {
      headers.put(FORGEJO_SIGNATURE_HEADER, hex);
    }
    if (!name.equals(GOGS)) {
      headers.put(SIGNATURE_HEADER, hex);
    }
    headers.put(GOGS_SIGNATURE_HEADER, hex);
    if (!name.equals(GOGS)) {
      WebhookRequest request = Signed.request("POST", "", Map.of(), body);
      byte[] sha1 =
          dev.hookverify.SignedContent.body().hmac(HmacAlgorithm.SHA1, secret, request, "");
      headers.put("X-Hub-Signature", "sha1=" + Signed.hex(sha1));
      headers.put("X-Hub-Signature-256", "sha256=" + hex);
    }
    return java.util.Collections.unmodifiableMap(headers);
  }
}
