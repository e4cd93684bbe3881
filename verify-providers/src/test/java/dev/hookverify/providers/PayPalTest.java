package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.CertificateSource;
import dev.hookverify.ClaimedDelivery;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.Pem;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import dev.hookverify.providers.signing.TestKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * PayPal: the OFFICIAL vector of PayPal's Java SDK (ValidateCertTest with testClientCert.crt), its
 * negatives, the CRC-32 weakness, and attacks on the certificate URL, the certificate and the
 * signed headers.
 */
class PayPalTest {
  /** Inside the official certificate's validity (2017-02-18 .. 2019-04-26). */
  static final Instant IN_VALIDITY = Instant.parse("2017-03-30T20:04:06Z");

  static final String WEBHOOK_ID = "96605875FF6516633";
  static final String SIGNATURE =
      "aBjgm5/xljRYu3G64Q0axISrP2xcy7WbW1u4UTCKnQvyprOZ1a1BBmqn2Jdr6ce8E76I3Ti/AL9y4VYSHyGSEaoE6dVQcCDebLbOXLH0fjTAbTc1/rmfdWmsk0DPltW84Y8W8jOHe3CLWDOwg5zmozyt+AceG2x5eOiw7mLSycaEoj/5RG+dOIWXnmWcLEArbG3VFshy0wuhZrKuGa9C/bD4Ku+Y9gK7Bv5I5IuGRVnTGpcFnVG0KxOyJxccLGyBVCIUMY5IZS7LkmJszQ3HZZFDTNihvgJHECSLwLhzUaysIye5G6CbbLdtAmeeb6wiDciEAvr2dFf+SplOR4Lrng==";

  static String resource(String name) {
    try (InputStream in = PayPalTest.class.getResourceAsStream("paypal/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("missing test resource " + name, e);
    }
  }

  static Map<String, String> officialHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(PayPal.CERT_URL_HEADER, "https://api.sandbox.paypal.com/v1/notifications/test");
    headers.put(PayPal.TRANSMISSION_ID_HEADER, "071f7d20-1584-11e7-abf0-6b62a8a99ac4");
    headers.put(PayPal.TRANSMISSION_TIME_HEADER, "2017-03-30T20:04:05Z");
    headers.put(PayPal.AUTH_ALGO_HEADER, "SHA256withRSA");
    headers.put(PayPal.SIGNATURE_HEADER, SIGNATURE);
    return headers;
  }

  static WebhookVerifier officialVerifier(String webhookId, Instant at) {
    return PayPal.builder(
            webhookId, CertificateSource.ofPem(List.of(resource("testClientCert.crt"))))
        .clock(Clock.fixed(at, ZoneOffset.UTC))
        .build();
  }

  @Test
  void officialResources_matchTheCatalog() throws Exception {
    assertThat(sha256(resource("testClientCert.crt").getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("cddd99a7ec72bf5af15d6f2a91e0b2e924c2d5fcac77a6775ccad46d0547b98b");
    byte[] body = utf8(resource("requestBody.json"));
    assertThat(body).hasSize(1636);
    assertThat(sha256(body))
        .isEqualTo("2a6bf73fb0bd393a8248abd0491fcdea5444534c17cb60233730bd447f019f03");
    assertThat(PayPal.crc32(ByteBuffer.wrap(body))).isEqualTo("3494065244");
    assertThat(
            PayPal.signedString(
                "071f7d20-1584-11e7-abf0-6b62a8a99ac4",
                "2017-03-30T20:04:05Z",
                WEBHOOK_ID,
                ByteBuffer.wrap(body)))
        .isEqualTo(
            "071f7d20-1584-11e7-abf0-6b62a8a99ac4|2017-03-30T20:04:05Z|96605875FF6516633|3494065244");
    X509Certificate certificate = Pem.certificates(resource("testClientCert.crt")).get(0);
    assertThat(certificate.getSubjectX500Principal().getName())
        .contains("CN=messageverificationcerts.sandbox.paypal.com");
  }

  @Test
  void verify_officialSdkVector_acceptedThroughThePublicApi() throws Exception {
    // OFFICIAL: paypal/PayPal-Java-SDK rest-api-sdk ValidateCertTest.testValidEndpoint with
    // testClientCert.crt (commit 2a34212); the certificate expired in 2019, so the clock is pinned
    // inside its validity.
    VerifiedWebhook webhook =
        officialVerifier(WEBHOOK_ID, IN_VALIDITY)
            .verify(request(officialHeaders(), utf8(resource("requestBody.json"))));
    assertThat(webhook.deliveryId()).contains("071f7d20-1584-11e7-abf0-6b62a8a99ac4");
    assertThat(webhook.isDeliveryIdSigned()).isTrue();
    assertThat(webhook.timestamp()).contains(Instant.parse("2017-03-30T20:04:05Z"));
    assertThat(webhook.keyId()).startsWith("cert-");
  }

  @Test
  void verify_officialSdkNegativesAndTampers_rejectedWithTypedReasons() {
    byte[] body = utf8(resource("requestBody.json"));
    WebhookVerifier verifier = officialVerifier(WEBHOOK_ID, IN_VALIDITY);
    List<String> failures = new ArrayList<>();
    // ValidateCertTest.testInvalidWebhookId: another webhook id fails.
    expect(
        failures,
        "webhook id",
        officialVerifier("NotToBeFound", IN_VALIDITY),
        officialHeaders(),
        body,
        Reason.SIGNATURE_MISMATCH);
    // testInvalidRequestBody and testEmptyRequestBody.
    expect(
        failures,
        "body",
        verifier,
        officialHeaders(),
        utf8("{ something invalid }"),
        Reason.SIGNATURE_MISMATCH);
    expect(
        failures,
        "empty body",
        verifier,
        officialHeaders(),
        new byte[0],
        Reason.SIGNATURE_MISMATCH);
    // testInvalidAuthAlgo: only SHA256withRSA.
    for (String algorithm :
        List.of("NotToBeFound", "SHA1withRSA", "sha256withrsa", "NONEwithRSA", "")) {
      expect(
          failures,
          "algorithm " + algorithm,
          verifier,
          with(PayPal.AUTH_ALGO_HEADER, algorithm),
          body,
          Reason.MALFORMED_SIGNATURE);
    }
    expect(
        failures,
        "no signature",
        verifier,
        without(PayPal.SIGNATURE_HEADER),
        body,
        Reason.MISSING_SIGNATURE);
    expect(
        failures,
        "no time",
        verifier,
        without(PayPal.TRANSMISSION_TIME_HEADER),
        body,
        Reason.MISSING_TIMESTAMP);
    expect(
        failures,
        "bad time",
        verifier,
        with(PayPal.TRANSMISSION_TIME_HEADER, "yesterday"),
        body,
        Reason.MALFORMED_TIMESTAMP);
    expect(
        failures,
        "other time",
        verifier,
        with(PayPal.TRANSMISSION_TIME_HEADER, "2017-03-30T20:04:06Z"),
        body,
        Reason.SIGNATURE_MISMATCH);
    expect(
        failures,
        "same instant, other text",
        verifier,
        with(PayPal.TRANSMISSION_TIME_HEADER, "2017-03-30T20:04:05.000Z"),
        body,
        Reason.SIGNATURE_MISMATCH);
    expect(
        failures,
        "no id",
        verifier,
        without(PayPal.TRANSMISSION_ID_HEADER),
        body,
        Reason.MALFORMED_SIGNATURE);
    expect(
        failures,
        "id with |",
        verifier,
        with(PayPal.TRANSMISSION_ID_HEADER, "071f7d20|x"),
        body,
        Reason.MALFORMED_SIGNATURE);
    expect(
        failures,
        "other id",
        verifier,
        with(PayPal.TRANSMISSION_ID_HEADER, "071f7d20-1584-11e7-abf0-6b62a8a99ac5"),
        body,
        Reason.SIGNATURE_MISMATCH);
    expect(
        failures,
        "no cert url",
        verifier,
        without(PayPal.CERT_URL_HEADER),
        body,
        Reason.UNTRUSTED_CERTIFICATE_URL);
    expect(
        failures,
        "garbled",
        verifier,
        with(PayPal.SIGNATURE_HEADER, "garbage!!"),
        body,
        Reason.MALFORMED_SIGNATURE);
    for (String url :
        List.of(
            "http://api.sandbox.paypal.com/v1/notifications/test",
            "https://api.sandbox.paypal.com.evil.example/v1/notifications/test",
            "https://evil.example/api.sandbox.paypal.com",
            "https://user@api.paypal.com/v1/notifications/certs/CERT-1",
            "https://api.paypal.com:443/v1/notifications/certs/CERT-1",
            "https://www.paypal.com/v1/notifications/certs/CERT-1",
            "https://api.paypal.com/v1/notifications/certs/CERT-1?redirect=evil",
            "https://api.paypal.com/v1/../../evil",
            "https://api.paypal.com")) {
      expect(
          failures,
          url,
          verifier,
          with(PayPal.CERT_URL_HEADER, url),
          body,
          Reason.UNTRUSTED_CERTIFICATE_URL);
    }
    expect(
        failures,
        "expired",
        officialVerifier(WEBHOOK_ID, Instant.parse("2019-04-26T12:00:01Z")),
        officialHeaders(),
        body,
        Reason.UNTRUSTED_CERTIFICATE);
    expect(
        failures,
        "not yet valid",
        officialVerifier(WEBHOOK_ID, Instant.parse("2017-02-17T23:59:59Z")),
        officialHeaders(),
        body,
        Reason.UNTRUSTED_CERTIFICATE);
    assertThat(failures).isEmpty();
  }

  @Test
  void verify_repeatedHeaders_malformed() {
    byte[] body = utf8(resource("requestBody.json"));
    WebhookVerifier verifier = officialVerifier(WEBHOOK_ID, IN_VALIDITY);
    for (String header : officialHeaders().keySet()) {
      dev.hookverify.WebhookRequest.Builder request =
          dev.hookverify.WebhookRequest.builder().uri("https://receiver.example/paypal").body(body);
      officialHeaders().forEach(request::header);
      request.header(header, officialHeaders().get(header));
      assertThat(reasonOf(verifier, request.build()))
          .as(header)
          .isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
  }

  @Test
  void crc32_isNotASignature_aBodyWithTheSameCrcVerifiesButIsNeverReportedSignedNorANewDelivery()
      throws Exception {
    byte[] body = utf8(resource("requestBody.json"));
    byte[] forged =
        sameCrc32(
            body,
            utf8("{\"id\":\"WH-FORGED\",\"event_type\":\"PAYMENT.SALE.COMPLETED\",\"pad\":\""),
            utf8("\"}"));
    assertThat(PayPal.crc32(ByteBuffer.wrap(forged)))
        .isEqualTo(PayPal.crc32(ByteBuffer.wrap(body)));
    WebhookVerifier verifier = officialVerifier(WEBHOOK_ID, IN_VALIDITY);
    // PayPal's scheme accepts it: the signature covers the CRC, not the body.
    VerifiedWebhook webhook = verifier.verify(request(officialHeaders(), forged));
    assertThat(webhook.deliveryId()).contains("071f7d20-1584-11e7-abf0-6b62a8a99ac4");
    // ...so hookverify never calls the body signed, and one transmission is one delivery.
    IdempotentVerifier idempotent =
        IdempotentVerifier.builder(verifier, new InMemoryIdempotencyStore(10)).build();
    try (ClaimedDelivery first = idempotent.claim(request(officialHeaders(), body))) {
      first.complete();
    }
    try (ClaimedDelivery second = idempotent.claim(request(officialHeaders(), forged))) {
      second.complete();
      throw new AssertionError("a second body for one transmission was a fresh delivery");
    } catch (WebhookVerificationException e) {
      assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_DELIVERY);
    }
  }

  /**
   * {@code prefix}, four bytes chosen so the whole CRC-32 equals {@code target}'s, then {@code
   * suffix}: CRC-32 is affine over GF(2), so the four bytes solve 32 linear equations.
   */
  static byte[] sameCrc32(byte[] target, byte[] prefix, byte[] suffix) {
    byte[] out = new byte[prefix.length + 4 + suffix.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(suffix, 0, out, prefix.length + 4, suffix.length);
    long base = crc(out);
    long[] columns = new long[32];
    for (int bit = 0; bit < 32; bit++) {
      out[prefix.length + bit / 8] = (byte) (1 << (bit % 8));
      columns[bit] = crc(out) ^ base;
      out[prefix.length + bit / 8] = 0;
    }
    long want = crc(target) ^ base;
    // Gaussian elimination: rows are the 32 unknown bits, tracked as combinations.
    long[] combination = new long[32];
    for (int i = 0; i < 32; i++) {
      combination[i] = 1L << i;
    }
    int row = 0;
    for (int pivot = 0; pivot < 32 && row < 32; pivot++) {
      int found = -1;
      for (int i = row; i < 32; i++) {
        if ((columns[i] >>> pivot & 1) == 1) {
          found = i;
          break;
        }
      }
      if (found < 0) {
        continue;
      }
      long c = columns[found];
      columns[found] = columns[row];
      columns[row] = c;
      long m = combination[found];
      combination[found] = combination[row];
      combination[row] = m;
      for (int i = 0; i < 32; i++) {
        if (i != row && (columns[i] >>> pivot & 1) == 1) {
          columns[i] ^= columns[row];
          combination[i] ^= combination[row];
        }
      }
      row++;
    }
    long x = 0;
    for (int i = 0; i < row; i++) {
      int pivot = Long.numberOfTrailingZeros(columns[i]);
      if ((want >>> pivot & 1) == 1) {
        x ^= combination[i];
      }
    }
    for (int bit = 0; bit < 32; bit++) {
      if ((x >>> bit & 1) == 1) {
        out[prefix.length + bit / 8] ^= (byte) (1 << (bit % 8));
      }
    }
    return out;
  }

  private static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  @Test
  void verify_certificateForAnotherName_untrusted() {
    KeyPair pair = SigningCertificates.rsaKeyPair();
    String privateKey = Signed.base64(pair.getPrivate().getEncoded());
    byte[] body = utf8("{\"id\":\"WH-1\"}");
    Map<String, String> headers =
        PayPal.sign(
            privateKey, "WH1", "t-1", "2027-01-15T08:00:00Z", body, PayPal.TEST_CERTIFICATE_URL);
    for (String name :
        List.of(
            "api.paypal.com", "messageverificationcerts.paypal.com.evil.example", "evil.example")) {
      String pem =
          SigningCertificates.pem(
              SigningCertificates.selfSigned(
                  pair, name, SigningCertificates.NOT_BEFORE, SigningCertificates.NOT_AFTER));
      WebhookVerifier verifier =
          PayPal.builder("WH1", CertificateSource.ofPem(List.of(pem)))
              .clock(Requests.at(1_800_000_000L))
              .build();
      assertThat(reasonOf(verifier, request(headers, body)))
          .as(name)
          .isEqualTo(Reason.UNTRUSTED_CERTIFICATE);
    }
    String production =
        SigningCertificates.pem(
            SigningCertificates.selfSigned(
                pair,
                "messageverificationcerts.paypal.com",
                SigningCertificates.NOT_BEFORE,
                SigningCertificates.NOT_AFTER));
    WebhookVerifier verifier =
        PayPal.builder("WH1", CertificateSource.ofPem(List.of(production)))
            .clock(Requests.at(1_800_000_000L))
            .build();
    assertThat(reasonOf(verifier, request(headers, body))).isNull();
  }

  @Test
  void verify_tolerance_boundsTheTransmissionTimeBothWays() {
    TestKeys keys = Providers.byName(PayPal.NAME).sender().newTestKeys();
    String[] signing = PayPal.split(keys.signingKey());
    String[] verifying = PayPal.split(keys.verificationKey());
    byte[] body = utf8("{\"id\":\"WH-1\"}");
    Map<String, String> headers =
        PayPal.sign(
            signing[1],
            signing[0],
            "t-1",
            "2027-01-15T08:00:00Z",
            body,
            PayPal.TEST_CERTIFICATE_URL);
    Instant signed = Instant.parse("2027-01-15T08:00:00Z");
    Duration five = Duration.ofMinutes(5);
    CertificateSource source = CertificateSource.ofPem(List.of(verifying[1]));
    assertThat(
            reasonOf(
                tolerant(verifying[0], source, five, signed.plus(five)), request(headers, body)))
        .isNull();
    assertThat(
            reasonOf(
                tolerant(verifying[0], source, five, signed.plus(five).plusMillis(1)),
                request(headers, body)))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(
            reasonOf(
                tolerant(verifying[0], source, five, signed.minus(five).minusMillis(1)),
                request(headers, body)))
        .isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    assertThat(
            reasonOf(
                tolerant(verifying[0], source, null, signed.plus(Duration.ofDays(3))),
                request(headers, body)))
        .isNull();
  }

  private static WebhookVerifier tolerant(
      String id, CertificateSource source, Duration tolerance, Instant at) {
    return PayPal.builder(id, source, tolerance).clock(Clock.fixed(at, ZoneOffset.UTC)).build();
  }

  @Test
  void sender_producesThePayPalHeaders_andItsVerifierAcceptsThem() throws Exception {
    Provider paypal = Providers.byName(PayPal.NAME);
    TestKeys keys = paypal.sender().newTestKeys();
    byte[] body =
        utf8("{\"id\":\"WH-2MW4820926242972J\",\"event_type\":\"PAYMENT.SALE.COMPLETED\"}");
    SignedDelivery delivery =
        paypal
            .sender()
            .sign(
                keys.signingKey(),
                OutgoingWebhook.builder(body).timestamp(1_800_000_000L).id("d-1").build());
    assertThat(delivery.headers().keySet())
        .containsExactly(
            "Content-Type",
            PayPal.TRANSMISSION_ID_HEADER,
            PayPal.TRANSMISSION_TIME_HEADER,
            PayPal.CERT_URL_HEADER,
            PayPal.AUTH_ALGO_HEADER,
            PayPal.SIGNATURE_HEADER);
    assertThat(delivery.headers())
        .containsEntry(PayPal.TRANSMISSION_TIME_HEADER, "2027-01-15T08:00:00Z")
        .containsEntry(PayPal.AUTH_ALGO_HEADER, "SHA256withRSA");
    assertThat(delivery.body()).isEqualTo(body);
    VerifiedWebhook webhook =
        paypal
            .verifier(List.of(keys.verificationKey()))
            .clock(Requests.at(1_800_000_000L))
            .build()
            .verify(request(delivery.headers(), delivery.body()));
    assertThat(webhook.deliveryId())
        .contains(delivery.headers().get(PayPal.TRANSMISSION_ID_HEADER));
    // Another webhook id (same certificate) fails: the id binds the signature to one webhook.
    String other = "OTHER1\n" + PayPal.split(keys.verificationKey())[1];
    assertThat(
            reasonOf(
                paypal.verifier(List.of(other)).clock(Requests.at(1_800_000_000L)).build(),
                request(delivery.headers(), delivery.body())))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void forgedFlood_suppliedCertificates_oneInMemoryLookupPerRequest() {
    AtomicInteger lookups = new AtomicInteger();
    List<X509Certificate> certificates = Pem.certificates(resource("testClientCert.crt"));
    WebhookVerifier verifier =
        PayPal.builder(
                WEBHOOK_ID,
                url -> {
                  lookups.incrementAndGet();
                  return certificates;
                })
            .clock(Clock.fixed(IN_VALIDITY, ZoneOffset.UTC))
            .build();
    byte[] body = utf8(resource("requestBody.json"));
    for (int i = 0; i < 100; i++) {
      Map<String, String> forged =
          with(PayPal.CERT_URL_HEADER, "https://api.paypal.com/v1/notifications/certs/CERT-" + i);
      forged.put(PayPal.TRANSMISSION_ID_HEADER, "forged-" + i);
      assertThat(reasonOf(verifier, request(forged, body))).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }
    assertThat(lookups).hasValue(100);
  }

  private static void expect(
      List<String> failures,
      String what,
      WebhookVerifier verifier,
      Map<String, String> headers,
      byte[] body,
      Reason expected) {
    Reason actual = reasonOf(verifier, request(headers, body));
    if (actual != expected) {
      failures.add(what + ": expected " + expected + ", got " + actual);
    }
  }

  static Map<String, String> with(String name, String value) {
    Map<String, String> headers = officialHeaders();
    headers.put(name, value);
    return headers;
  }

  static Map<String, String> without(String name) {
    Map<String, String> headers = officialHeaders();
    headers.remove(name);
    return headers;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
