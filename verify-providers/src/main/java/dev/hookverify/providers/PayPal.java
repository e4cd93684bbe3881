package dev.hookverify.providers;

import static java.util.Objects.requireNonNull;

import dev.hookverify.Attempt;
import dev.hookverify.AuthenticationContext;
import dev.hookverify.Authenticator;
import dev.hookverify.CertificateSignature;
import dev.hookverify.CertificateSource;
import dev.hookverify.CertificateUrlPolicy;
import dev.hookverify.DeliveryId;
import dev.hookverify.Reason;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.signing.OutgoingWebhook;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * PayPal REST webhooks: {@code PAYPAL-TRANSMISSION-SIG}, base64 of an RSA signature (the algorithm
 * {@code PAYPAL-AUTH-ALGO} names; PayPal uses {@code SHA256withRSA}, the only one accepted) over
 * {@code transmissionId|transmissionTime|webhookId|crc32}: {@code PAYPAL-TRANSMISSION-ID}, {@code
 * PAYPAL-TRANSMISSION-TIME} (RFC 3339), the id PayPal gave this webhook (configuration, never read
 * from the request), and the unsigned decimal CRC-32 of the raw body. Verified by core's {@link
 * CertificateSignature} with the certificate {@code PAYPAL-CERT-URL} names.
 *
 * <p><b>Certificates.</b> Supplied by the application, never fetched by default ({@link
 * CertificateSource#ofPem}, {@link CertificateSource#byUrl}, or, as an explicit choice, a {@link
 * dev.hookverify.CertificateFetcher} built on {@link #CERTIFICATE_URLS}). Before any look-up,
 * {@code PAYPAL-CERT-URL} must be an {@code https://api.paypal.com/...} or {@code
 * https://api.sandbox.paypal.com/...} URL ({@link Reason#UNTRUSTED_CERTIFICATE_URL}); the
 * certificate must name {@code messageverificationcerts.paypal.com} or {@code
 * messageverificationcerts.sandbox.paypal.com} (PayPal's SDK requires that CN) and be valid at the
 * verifier's clock ({@link Reason#UNTRUSTED_CERTIFICATE}).
 *
 * <p><b>The body is not signed.</b> PayPal signs a CRC-32 of the body, and anyone can change a body
 * while keeping its CRC-32 (append four chosen bytes, or change any four): the signature proves the
 * transmission id, its time and the webhook, not the body. The authentication therefore reports
 * nothing as signed; a body read by the handler is as trustworthy as the TLS connection it came
 * over. Deduplicate (the delivery id below) and keep the tolerance short so a captured signature
 * cannot carry a second body.
 *
 * <p><b>One delivery, one key.</b> The delivery id is {@code PAYPAL-TRANSMISSION-ID}, signed (a
 * body {@code id} is not: see above); a transmission id or time holding {@code |} is refused, so
 * two readings of one signed string cannot give two ids. PayPal's SDK checks no age, and PayPal
 * retries a delivery for up to three days, so the signed transmission time is checked for its
 * format only, unless a tolerance is set ({@link #builder(String, CertificateSource, Duration)});
 * set one if the idempotency store forgets sooner than that.
 *
 * @see <a href="https://developer.paypal.com/api/rest/webhooks/rest/#link-selfverificationmethod">
 *     PayPal: verify webhook signatures</a>
 */
public final class PayPal {
  /** The registry name. */
  public static final String NAME = "paypal";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "PAYPAL-TRANSMISSION-SIG";

  /** The transmission id header (signed; the delivery id). */
  public static final String TRANSMISSION_ID_HEADER = "PAYPAL-TRANSMISSION-ID";

  /** The transmission time header (RFC 3339, signed). */
  public static final String TRANSMISSION_TIME_HEADER = "PAYPAL-TRANSMISSION-TIME";

  /** The certificate URL header. */
  public static final String CERT_URL_HEADER = "PAYPAL-CERT-URL";

  /** The algorithm header. */
  public static final String AUTH_ALGO_HEADER = "PAYPAL-AUTH-ALGO";

  /** The only algorithm PayPal signs with. */
  public static final String ALGORITHM = "SHA256withRSA";

  /** The hosts PayPal names its signing certificates on. */
  public static final CertificateUrlPolicy CERTIFICATE_URLS =
      CertificateUrlPolicy.builder().host("api.paypal.com").host("api.sandbox.paypal.com").build();

  private static final Pattern WEBHOOK_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final Pattern TRANSMISSION_ID = Pattern.compile("[A-Za-z0-9-]{1,128}");

  private PayPal() {}

  /**
   * A verifier builder for the webhook {@code webhookId}, with certificates from {@code
   * certificates}, the transmission time not checked for age.
   *
   * @throws IllegalArgumentException if the webhook id is not 1-64 letters, digits or '-'
   */
  public static WebhookVerifier.Builder builder(String webhookId, CertificateSource certificates) {
    return builder(webhookId, certificates, null);
  }

  /**
   * A verifier builder as above, the transmission time within {@code tolerance} both ways (null:
   * not checked for age).
   *
   * @throws IllegalArgumentException if the webhook id is not 1-64 letters, digits or '-'
   */
  public static WebhookVerifier.Builder builder(
      String webhookId, CertificateSource certificates, Duration tolerance) {
    if (!WEBHOOK_ID.matcher(requireNonNull(webhookId, "webhookId")).matches()) {
      throw new IllegalArgumentException("a PayPal webhook id is letters, digits and '-'");
    }
    return builder(Map.of(webhookId, certificates), tolerance);
  }

  /** A verifier for one or more webhooks (sandbox and live, say), each with its certificates. */
  private static WebhookVerifier.Builder builder(
      Map<String, CertificateSource> webhooks, Duration tolerance) {
    Map<String, CertificateSignature> signatures = new java.util.LinkedHashMap<>();
    webhooks.forEach(
        (webhookId, certificates) ->
            signatures.put(
                webhookId,
                CertificateSignature.builder(CERTIFICATE_URLS, certificates)
                    .algorithm(ALGORITHM, ALGORITHM)
                    .subject("messageverificationcerts.paypal.com")
                    .subject("messageverificationcerts.sandbox.paypal.com")
                    .build()));
    return WebhookVerifier.builder(NAME)
        .authenticator(
            new HeaderSignature(
                signatures,
                tolerance == null
                    ? TimestampPolicy.freshnessNotChecked(TimestampPolicy.Unit.RFC_3339)
                    : TimestampPolicy.rfc3339(tolerance, tolerance)))
        .deliveryId(
            (request, authentication) ->
                Optional.of(DeliveryId.of(request.headers(TRANSMISSION_ID_HEADER).get(0), true)));
  }

  /**
   * A verifier builder for keys in the registry's form: each the webhook id, a line break, and
   * PayPal's certificate in PEM. Keys naming several webhooks (sandbox and live) verify each
   * webhook's deliveries with its own certificates; at most {@link dev.hookverify.KeyRing#MAX_KEYS}
   * keys, so a forged delivery costs at most that many RSA verifications.
   */
  static WebhookVerifier.Builder builder(List<String> keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    if (keys.size() > dev.hookverify.KeyRing.MAX_KEYS) {
      throw new IllegalArgumentException("at most " + dev.hookverify.KeyRing.MAX_KEYS + " keys");
    }
    Map<String, List<String>> pems = new java.util.LinkedHashMap<>();
    for (String key : keys) {
      String[] parts = split(key);
      pems.computeIfAbsent(parts[0], id -> new java.util.ArrayList<>()).add(parts[1]);
    }
    Map<String, CertificateSource> webhooks = new java.util.LinkedHashMap<>();
    pems.forEach((id, texts) -> webhooks.put(id, SigningCertificates.source(texts)));
    return builder(webhooks, options.tolerance().orElse(null));
  }

  /** A registry key split into the webhook id and the rest (the PEM, or the private key). */
  static String[] split(String key) {
    String text = key.strip();
    int newline = text.indexOf('\n');
    if (newline < 0) {
      throw new IllegalArgumentException("a PayPal key is the webhook id, a line break, the key");
    }
    String id = text.substring(0, newline).strip();
    if (!WEBHOOK_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("a PayPal webhook id is letters, digits and '-'");
    }
    return new String[] {id, text.substring(newline + 1)};
  }

  /** The unsigned decimal CRC-32 of {@code body}, as PayPal signs it. */
  static String crc32(ByteBuffer body) {
    CRC32 crc = new CRC32();
    crc.update(body.duplicate());
    return Long.toString(crc.getValue());
  }

  /** The string PayPal signs. */
  static String signedString(String id, String time, String webhookId, ByteBuffer body) {
    return id + "|" + time + "|" + webhookId + "|" + crc32(body);
  }

  /**
   * The five headers PayPal sends for {@code webhook}, signed with {@code key} in the registry's
   * signing form (the webhook id, a line break, the RSA private key as base64 PKCS#8).
   */
  static Map<String, String> sign(String key, OutgoingWebhook webhook) {
    String[] parts = split(key);
    String id = SenderHeaders.uuid("paypal-transmission", webhook.id());
    String time = Instant.ofEpochSecond(webhook.timestamp()).toString();
    return sign(parts[1], parts[0], id, time, webhook.body(), TEST_CERTIFICATE_URL);
  }

  static final String TEST_CERTIFICATE_URL =
      "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-hookverify";

  /** The five headers, signed with the RSA key {@code privateKeyBase64} (base64 PKCS#8). */
  static Map<String, String> sign(
      String privateKeyBase64,
      String webhookId,
      String transmissionId,
      String transmissionTime,
      byte[] body,
      String certificateUrl) {
    byte[] signature =
        SigningCertificates.sign(
            ALGORITHM,
            SigningCertificates.rsaPrivate(privateKeyBase64),
            signedString(transmissionId, transmissionTime, webhookId, ByteBuffer.wrap(body))
                .getBytes(StandardCharsets.UTF_8));
    return Signed.headers(
        TRANSMISSION_ID_HEADER,
        transmissionId,
        TRANSMISSION_TIME_HEADER,
        transmissionTime,
        CERT_URL_HEADER,
        certificateUrl,
        AUTH_ALGO_HEADER,
        ALGORITHM,
        SIGNATURE_HEADER,
        Signed.base64(signature));
  }

  /** Reads the five headers, builds the signed string and verifies it. */
  private static final class HeaderSignature implements Authenticator {
    private static final Attempt NO_SIGNATURE = Attempt.absent("no " + SIGNATURE_HEADER);
    private static final Attempt NO_TIME =
        Attempt.rejected(Reason.MISSING_TIMESTAMP, "no " + TRANSMISSION_TIME_HEADER);
    private static final Attempt BAD_ID =
        Attempt.rejected(
            Reason.MALFORMED_SIGNATURE,
            TRANSMISSION_ID_HEADER + " missing, repeated, or not letters, digits and '-'");
    private static final Attempt REPEATED =
        Attempt.rejected(Reason.MALFORMED_SIGNATURE, "a PAYPAL-* header is sent more than once");

    private final Map<String, CertificateSignature> webhooks;
    private final TimestampPolicy policy;

    HeaderSignature(Map<String, CertificateSignature> webhooks, TimestampPolicy policy) {
      this.webhooks = Map.copyOf(webhooks);
      this.policy = policy;
    }

    @Override
    public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
      List<String> signatures = request.headers(SIGNATURE_HEADER);
      if (signatures.isEmpty()) {
        return NO_SIGNATURE;
      }
      List<String> ids = request.headers(TRANSMISSION_ID_HEADER);
      List<String> times = request.headers(TRANSMISSION_TIME_HEADER);
      List<String> urls = request.headers(CERT_URL_HEADER);
      List<String> algorithms = request.headers(AUTH_ALGO_HEADER);
      if (signatures.size() > 1 || times.size() > 1 || urls.size() > 1 || algorithms.size() > 1) {
        return REPEATED;
      }
      if (ids.size() != 1 || !TRANSMISSION_ID.matcher(ids.get(0)).matches()) {
        return BAD_ID;
      }
      if (times.isEmpty()) {
        return NO_TIME;
      }
      String time = times.get(0);
      Instant signedAt;
      try {
        // RFC 3339 only: digits, '-', ':', '.', 'T', 'Z', '+', never '|'.
        signedAt = policy.check(time, 0, time.length(), context.clock());
      } catch (WebhookVerificationException e) {
        return Attempt.rejected(e.reason(), TRANSMISSION_TIME_HEADER + ": " + e.getMessage());
      }
      String crc = crc32(request.body()); // one pass over the body, whatever the webhooks
      Attempt attempt = null;
      for (Map.Entry<String, CertificateSignature> webhook : webhooks.entrySet()) {
        String signed = ids.get(0) + "|" + time + "|" + webhook.getKey() + "|" + crc;
        attempt =
            webhook
                .getValue()
                .verify(
                    request,
                    context.clock(),
                    algorithms.isEmpty() ? "" : algorithms.get(0),
                    urls.isEmpty() ? "" : urls.get(0),
                    signatures.get(0),
                    signed.getBytes(StandardCharsets.UTF_8),
                    signedAt);
        if (attempt instanceof Attempt.Proven) {
          return attempt;
        }
      }
      return attempt;
    }

    @Override
    public String toString() {
      return "PayPal.HeaderSignature{" + webhooks.size() + " webhooks}";
    }
  }
}
