package dev.hookverify.providers;

import dev.hookverify.internal.Sha256;
import dev.hookverify.providers.signing.OutgoingWebhook;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The headers a sender sends beside its proof: the content type, the event or topic, and its other
 * metadata, each with a realistic default that {@link OutgoingWebhook} can override. {@link
 * Provider#sender()} adds them to what the provider's signer computes, so the signing kit produces
 * exactly the header set the real sender sends (transport headers such as {@code Host} and {@code
 * Content-Length} are the HTTP client's; {@code User-Agent} is included where the sender documents
 * it). The expected set per sender, with its sources, is in {@code SenderHeadersTest}.
 *
 * <p>Instances are immutable and thread-safe.
 */
final class SenderHeaders {
  private static final String JSON = "application/json";
  private static final String FORM = "application/x-www-form-urlencoded";

  private final String contentType;
  private final String eventHeader;
  private final String defaultEvent;
  private final Map<String, Function<OutgoingWebhook, String>> metadata;
  private final BiFunction<String, OutgoingWebhook, Map<String, String>> textProof;

  private SenderHeaders(
      String contentType,
      String eventHeader,
      String defaultEvent,
      Map<String, Function<OutgoingWebhook, String>> metadata,
      BiFunction<String, OutgoingWebhook, Map<String, String>> textProof) {
    this.contentType = contentType;
    this.eventHeader = eventHeader;
    this.defaultEvent = defaultEvent;
    this.metadata = metadata;
    this.textProof = textProof;
  }

  /** A sender of JSON and nothing else beside its proof. */
  static SenderHeaders json() {
    return sending(JSON);
  }

  /** A sender of forms and nothing else beside its proof. */
  static SenderHeaders form() {
    return sending(FORM);
  }

  /** A sender of {@code contentType} and nothing else beside its proof. */
  static SenderHeaders sending(String contentType) {
    return new SenderHeaders(contentType, null, null, new LinkedHashMap<>(), null);
  }

  /** The header naming the event or topic, and its default. */
  SenderHeaders event(String header, String defaultValue) {
    return new SenderHeaders(contentType, header, defaultValue, metadata, textProof);
  }

  /** A metadata header computed from the delivery. */
  SenderHeaders header(String name, Function<OutgoingWebhook, String> value) {
    Map<String, Function<OutgoingWebhook, String>> more = new LinkedHashMap<>(metadata);
    more.put(name, value);
    return new SenderHeaders(contentType, eventHeader, defaultEvent, more, textProof);
  }

  /** A metadata header with a fixed value. */
  SenderHeaders header(String name, String value) {
    return header(name, w -> value);
  }

  /** Proof headers computed from the secret as text (HubSpot's v1, sent beside v3). */
  SenderHeaders textProof(BiFunction<String, OutgoingWebhook, Map<String, String>> proof) {
    return new SenderHeaders(contentType, eventHeader, defaultEvent, metadata, proof);
  }

  /** The content type the sender sends unless the delivery names another. */
  String contentType() {
    return contentType;
  }

  /**
   * Every header the sender sends for {@code webhook}: the content type, {@code proof} (what the
   * signer computed), the proofs computed from the secret text when it is known, the event header
   * and the metadata, then the delivery's own header values.
   *
   * @param secretText the shared secret as the sender holds it, or null if only its bytes are known
   * @throws IllegalArgumentException if the delivery replaces a proof header with another value, or
   *     a value holds a control character (it would split the header line)
   */
  Map<String, String> complete(
      OutgoingWebhook webhook, Map<String, String> proof, String secretText) {
    Map<String, String> signed = new LinkedHashMap<>(proof);
    if (textProof != null && secretText != null) {
      signed.putAll(textProof.apply(secretText, webhook));
    }
    Map<String, String> out = new LinkedHashMap<>();
    put(out, "Content-Type", webhook.contentType(contentType));
    signed.forEach((name, value) -> put(out, name, value));
    if (eventHeader != null) {
      putIfAbsent(out, eventHeader, webhook.event(defaultEvent));
    }
    metadata.forEach((name, value) -> putIfAbsent(out, name, value.apply(webhook)));
    webhook
        .headers()
        .forEach(
            (name, value) -> {
              String proofName = keyOf(signed, name);
              if (proofName != null && !signed.get(proofName).equals(value)) {
                throw new IllegalArgumentException(
                    proofName + " carries or is covered by the proof: set the timestamp or id");
              }
              put(out, name, value);
            });
    out.forEach(SenderHeaders::checkValue);
    return Collections.unmodifiableMap(out);
  }

  /** Puts {@code name}, replacing a value under any spelling of it and keeping that spelling. */
  private static void put(Map<String, String> headers, String name, String value) {
    String existing = keyOf(headers, name);
    headers.put(existing == null ? name : existing, value);
  }

  private static void putIfAbsent(Map<String, String> headers, String name, String value) {
    if (keyOf(headers, name) == null) {
      headers.put(name, value);
    }
  }

  private static String keyOf(Map<String, String> headers, String name) {
    for (String key : headers.keySet()) {
      if (key.equalsIgnoreCase(name)) {
        return key;
      }
    }
    return null;
  }

  private static void checkValue(String name, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new IllegalArgumentException(name + " holds a control character");
      }
    }
  }

  /** A stable UUID for {@code value}, so a delivery signed twice carries the same metadata. */
  static String uuid(String kind, String value) {
    return UUID.nameUUIDFromBytes((kind + ':' + value).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /**
   * What Gitea, Forgejo and Gogs send beside their MACs: delivery id, event and event type under
   * each name the forge keeps for compatibility (Forgejo: its own, Gitea's, Gogs' and GitHub's;
   * Gitea: its own, Gogs' and GitHub's; Gogs: its own, without an event type).
   */
  static SenderHeaders giteaFamily(String forge) {
    java.util.List<String> prefixes = new java.util.ArrayList<>();
    if (forge.equals(Gitea.FORGEJO)) {
      prefixes.add("X-Forgejo-");
    }
    if (!forge.equals(Gitea.GOGS)) {
      prefixes.add("X-Gitea-");
    }
    prefixes.add("X-Gogs-");
    if (!forge.equals(Gitea.GOGS)) {
      prefixes.add("X-GitHub-");
    }
    SenderHeaders headers = json().event(Gitea.eventHeader(forge), "push");
    for (String prefix : prefixes) {
      headers = headers.header(prefix + "Delivery", w -> uuid(forge, w.id()));
      headers = headers.header(prefix + "Event", w -> w.event("push"));
      if (!forge.equals(Gitea.GOGS)) {
        headers = headers.header(prefix + "Event-Type", w -> w.event("push"));
      }
    }
    return headers;
  }

  /** HubSpot's v1 signature, hex SHA-256 of the client secret then the body, and its version. */
  static Map<String, String> hubSpotLegacyV1(String clientSecret, OutgoingWebhook w) {
    java.security.MessageDigest digest = Sha256.newDigest();
    digest.update(WebhookSecretText.bytes(clientSecret));
    digest.update(w.body());
    return Signed.headers(
        HubSpot.LEGACY_SIGNATURE_HEADER,
        Signed.hex(digest.digest()),
        HubSpot.LEGACY_VERSION_HEADER,
        "v1");
  }
}
