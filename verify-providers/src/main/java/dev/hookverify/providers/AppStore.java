package dev.hookverify.providers;

import dev.hookverify.Attempt;
import dev.hookverify.AuthenticationContext;
import dev.hookverify.Authenticator;
import dev.hookverify.DeliveryId;
import dev.hookverify.JwsAlgorithm;
import dev.hookverify.JwsAuthenticator;
import dev.hookverify.JwsVerifier;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedJws;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Apple App Store Server Notifications V2: a JSON body {@code {"signedPayload":"<JWS>"}}, no
 * signature header. The JWS is ES256 ({@code r || s}), its key the leaf of the header's {@code x5c}
 * chain (leaf, Apple WWDR intermediate, Apple root), which must validate with the JDK's PKIX to a
 * root the application supplies (Apple Root CA - G3 in production; the root inside the token is
 * never trusted), with Apple's markers: OID {@value #LEAF_OID} on the leaf and {@value
 * #INTERMEDIATE_OID} on the intermediate. Revocation is not checked (Apple's library checks it only
 * when asked to go online); the chain is validated at the verifier clock's instant. Then the
 * notification must name the configured app and environment: {@code bundleId} and {@code
 * environment} of its {@code data} (or {@code summary}, {@code externalPurchaseToken}, {@code
 * appData}, as Apple's library reads them); a notification for another app, even one Apple signed,
 * is {@link Reason#SIGNATURE_MISMATCH}.
 *
 * <p><b>What is verified is what the handler reads.</b> The body is read once, strictly ({@link
 * StrictJson}: one object, no key repeated, no literal dotted key), for {@code signedPayload}; the
 * rest of the body is not signed. The handler reads the decoded, verified notification with {@link
 * #notification(VerifiedWebhook)} (the claims and payload bytes exactly as verified), never by
 * decoding {@code signedPayload} again. Nested {@code signedTransactionInfo} and {@code
 * signedRenewalInfo} are JWSs of their own: verify them with {@link #jwsVerifier(List)}.
 *
 * <p><b>One delivery, one key.</b> The delivery id is {@code notificationUUID} from the verified
 * payload, signed; Apple retries a notification with the same UUID.
 *
 * <p>{@code Xcode} and {@code LocalTesting} notifications are not signed by Apple and are refused
 * (their chain does not reach an Apple root).
 *
 * @see <a
 *     href="https://developer.apple.com/documentation/appstoreservernotifications/responsebodyv2">
 *     Apple: App Store Server Notifications V2</a>
 */
public final class AppStore {
  /** The registry name. */
  public static final String NAME = "apple-app-store";

  /** The body field that carries the JWS. */
  public static final String SIGNED_PAYLOAD_FIELD = "signedPayload";

  /** The marker Apple puts on the leaf (receipt signer) certificate. */
  public static final String LEAF_OID = "1.2.840.113635.100.6.11.1";

  /** The marker Apple puts on the WWDR intermediate certificate. */
  public static final String INTERMEDIATE_OID = "1.2.840.113635.100.6.2.1";

  /** The chain Apple sends: leaf, intermediate, root. */
  static final int CHAIN_LENGTH = 3;

  /** An App Store environment, as notifications name it. */
  public enum Environment {
    /** {@code Sandbox}. */
    SANDBOX("Sandbox"),
    /** {@code Production}. */
    PRODUCTION("Production");

    private final String text;

    Environment(String text) {
      this.text = text;
    }

    /** As notifications write it. */
    public String text() {
      return text;
    }

    static Environment parse(String text) {
      for (Environment environment : values()) {
        if (environment.text.equalsIgnoreCase(text)) {
          return environment;
        }
      }
      throw new IllegalArgumentException("an environment is Sandbox or Production");
    }
  }

  private static final Attempt OTHER_APP =
      Attempt.rejected(Reason.SIGNATURE_MISMATCH, "notification is for another app or environment");

  private AppStore() {}

  /**
   * A verifier builder for notifications of app {@code bundleId} in {@code environment}, signed by
   * a chain to one of {@code trustedRoots}.
   *
   * @throws IllegalArgumentException if there is no root or more than {@link JwsVerifier#MAX_KEYS}
   */
  public static WebhookVerifier.Builder builder(
      List<X509Certificate> trustedRoots, String bundleId, Environment environment) {
    JwsAuthenticator jws =
        JwsAuthenticator.builder(jwsVerifier(trustedRoots))
            .tokenSource(AppStore::signedPayload)
            .build();
    return WebhookVerifier.builder(NAME)
        .authenticator(new Notification(jws, bundleId, environment.text()))
        .deliveryId(
            (request, authentication) ->
                authentication
                    .jws()
                    .flatMap(verified -> verified.stringClaim("notificationUUID"))
                    .filter(DeliveryId::isValid)
                    .map(id -> DeliveryId.of(id, true)));
  }

  /**
   * The registry's verifier: each key is {@code <bundle id> <Sandbox|Production> <root certificate,
   * base64 DER>}, all for the same app and environment.
   */
  static WebhookVerifier.Builder builder(List<String> keys, ProviderOptions options) {
    options.allowOnly(NAME);
    String bundleId = null;
    Environment environment = null;
    List<X509Certificate> roots = new ArrayList<>();
    for (String key : keys) {
      String[] parts = key.strip().split("\\s+");
      if (parts.length != 3) {
        throw new IllegalArgumentException(
            "an apple-app-store key is <bundle id> <Sandbox|Production> <root certificate base64>");
      }
      Environment named = Environment.parse(parts[1]);
      if (bundleId != null && (!bundleId.equals(parts[0]) || environment != named)) {
        throw new IllegalArgumentException("every key names the same app and environment");
      }
      bundleId = parts[0];
      environment = named;
      roots.add(certificate(parts[2]));
    }
    return builder(roots, bundleId, environment);
  }

  /**
   * The JWS verifier of Apple's signed data (notifications, and the transaction and renewal info
   * they carry): ES256, an {@code x5c} chain of three with Apple's markers, to {@code
   * trustedRoots}.
   */
  public static JwsVerifier jwsVerifier(List<X509Certificate> trustedRoots) {
    return JwsVerifier.builder(JwsAlgorithm.ES256)
        .x5c(trustedRoots, CHAIN_LENGTH)
        .x5cExtensions(LEAF_OID, INTERMEDIATE_OID)
        .build();
  }

  /**
   * The decoded notification of a delivery an App Store verifier accepted, exactly as verified: its
   * claims ({@code notificationType}, {@code notificationUUID}, {@code data}, ...) and payload
   * bytes.
   *
   * @throws IllegalArgumentException if {@code webhook} was not verified by an App Store verifier
   */
  public static VerifiedJws notification(VerifiedWebhook webhook) {
    if (!webhook.provider().equals(NAME)) {
      throw new IllegalArgumentException("not an App Store delivery: " + webhook.provider());
    }
    return webhook
        .jws()
        .orElseThrow(() -> new IllegalArgumentException("not a verified App Store delivery"));
  }

  /** Reads {@code signedPayload} from the (not yet trusted) body, strictly. */
  static Optional<String> signedPayload(WebhookRequest request)
      throws WebhookVerificationException {
    JsonFields.Found found = JsonFields.readUnverified(request.body(), SIGNED_PAYLOAD_FIELD);
    Optional<String> value = found.value(0);
    if (value.isEmpty() && found.occurs(0)) {
      throw new WebhookVerificationException(
          Reason.MALFORMED_SIGNATURE, "body is not a JSON object every parser reads alike");
    }
    return value;
  }

  /** Checks the app and environment a verified notification names. */
  private static final class Notification implements Authenticator {
    private final JwsAuthenticator jws;
    private final String bundleId;
    private final String environment;

    Notification(JwsAuthenticator jws, String bundleId, String environment) {
      this.jws = jws;
      this.bundleId = java.util.Objects.requireNonNull(bundleId, "bundleId");
      this.environment = environment;
    }

    @Override
    public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
      Attempt attempt = jws.attempt(request, context);
      if (!(attempt instanceof Attempt.Proven)) {
        return attempt;
      }
      VerifiedJws verified =
          ((Attempt.Proven) attempt).authentication().jws().orElseThrow(IllegalStateException::new);
      return isFor(verified.claims()) ? attempt : OTHER_APP;
    }

    /** Whether the notification names this app and environment, where Apple's library looks. */
    private boolean isFor(Map<String, Object> claims) {
      for (String holder : new String[] {"data", "summary", "externalPurchaseToken", "appData"}) {
        Object value = claims.get(holder);
        if (!(value instanceof Map)) {
          continue;
        }
        Map<?, ?> fields = (Map<?, ?>) value;
        Object named;
        if (holder.equals("externalPurchaseToken")) {
          Object id = fields.get("externalPurchaseId");
          named =
              id instanceof String && ((String) id).startsWith("SANDBOX")
                  ? "Sandbox"
                  : "Production";
        } else {
          named = fields.get("environment");
        }
        return bundleId.equals(fields.get("bundleId")) && environment.equals(named);
      }
      return false;
    }

    @Override
    public String toString() {
      return "AppStore{" + bundleId + ", " + environment + ", " + jws + "}";
    }
  }

  /** A certificate from base64 DER (or PEM). */
  static X509Certificate certificate(String text) {
    String base64 =
        text.replace("-----BEGIN CERTIFICATE-----", "")
            .replace("-----END CERTIFICATE-----", "")
            .replaceAll("\\s", "");
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new IllegalArgumentException("not an X.509 certificate in base64 DER or PEM", e);
    }
  }

  /**
   * What Apple posts for a notification {@code payloadJson}: {@code {"signedPayload":"<JWS>"}}, the
   * JWS signed by {@code leafKey} with {@code x5c} = leaf, intermediate, root.
   */
  static byte[] signedBody(PrivateKey leafKey, List<X509Certificate> chain, String payloadJson) {
    StringBuilder header = new StringBuilder("{\"alg\":\"ES256\",\"x5c\":[");
    try {
      for (int i = 0; i < chain.size(); i++) {
        header.append(i == 0 ? "" : ",").append('"');
        header.append(Base64.getEncoder().encodeToString(chain.get(i).getEncoded())).append('"');
      }
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalArgumentException("cannot encode the chain", e);
    }
    header.append("]}");
    String token =
        Jws.signed("SHA256withECDSAinP1363Format", leafKey, header.toString(), payloadJson);
    return ("{\"signedPayload\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The kit's signer. {@code signingKey} is {@code <bundle id> <environment> <leaf PKCS#8 base64>
   * <leaf> <intermediate> <root>} (certificates in base64 DER), as {@link KeyForm#APPLE_ROOT} makes
   * it. The webhook's body, a JSON object (or empty), is the notification, completed as {@link
   * #notification} says.
   */
  static SignedDelivery sign(String signingKey, OutgoingWebhook w) {
    String[] parts = signingKey.strip().split("\\s+");
    if (parts.length != 6) {
      throw new IllegalArgumentException(
          "an apple-app-store signing key is <bundle id> <environment> <PKCS#8> <leaf>"
              + " <intermediate> <root>");
    }
    PrivateKey key;
    try {
      key =
          KeyFactory.getInstance("EC")
              .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[2])));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("the signing key is not a base64 PKCS#8 P-256 key", e);
    }
    List<X509Certificate> chain =
        List.of(certificate(parts[3]), certificate(parts[4]), certificate(parts[5]));
    return SignedDelivery.of(Map.of(), signedBody(key, chain, notification(w, parts[0], parts[1])));
  }

  /**
   * The notification the kit signs for {@code w}: its body, a JSON object, with what a V2
   * notification always carries added where absent: {@code notificationType} ({@code TEST}), {@code
   * notificationUUID} (from the delivery id), {@code data} naming the key's app and environment
   * (unless the body has {@code data}, {@code summary}, {@code externalPurchaseToken} or {@code
   * appData}), {@code version} and {@code signedDate} (the timestamp, in milliseconds).
   */
  private static String notification(OutgoingWebhook w, String bundleId, String environment) {
    java.util.Set<String> present = new java.util.HashSet<>();
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(w.body());
    boolean empty = new String(w.body(), StandardCharsets.UTF_8).isBlank();
    if (!empty) {
      try (com.fasterxml.jackson.core.JsonParser parser = StrictJson.open(bytes)) {
        while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
          present.add(parser.currentName());
          StrictJson.skipValue(parser);
        }
        StrictJson.end(parser);
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("an App Store notification is a strict JSON object", e);
      }
    }
    StringBuilder added = new StringBuilder();
    if (!present.contains("notificationType")) {
      added.append(",\"notificationType\":\"TEST\"");
    }
    if (!present.contains("notificationUUID")) {
      added.append(",\"notificationUUID\":").append(Jws.quote(SenderHeaders.uuid("apple", w.id())));
    }
    if (java.util.Collections.disjoint(
        present, List.of("data", "summary", "externalPurchaseToken", "appData"))) {
      added
          .append(",\"data\":{\"bundleId\":")
          .append(Jws.quote(bundleId))
          .append(",\"environment\":")
          .append(Jws.quote(Environment.parse(environment).text()))
          .append('}');
    }
    if (!present.contains("version")) {
      added.append(",\"version\":\"2.0\"");
    }
    if (!present.contains("signedDate")) {
      added.append(",\"signedDate\":").append(w.timestamp() * 1000);
    }
    if (empty || present.isEmpty()) {
      return "{" + added.substring(1) + "}";
    }
    String body = new String(w.body(), StandardCharsets.UTF_8).strip();
    return body.substring(0, body.length() - 1) + added + "}";
  }
}
