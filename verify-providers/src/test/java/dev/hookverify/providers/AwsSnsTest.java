package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.CertificateSource;
import dev.hookverify.ClaimedDelivery;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.Pem;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import dev.hookverify.providers.signing.TestKeys;
import java.io.IOException;
import java.io.InputStream;
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
import org.junit.jupiter.api.Test;

/**
 * AWS SNS: the three OFFICIAL messages of the AWS SDK for Java v2 (sns-message-manager test
 * resources, real AWS signatures) with its certificate, the SDK test's negatives, and the attacks
 * on certificate URLs, certificates, signature versions, message types and replays.
 */
class AwsSnsTest {
  /** Inside the official certificate's validity (2025-11-10 .. 2026-10-14). */
  static final Instant IN_VALIDITY = Instant.parse("2026-03-07T00:00:00Z");

  static final String CERTIFICATE_URL =
      "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-7506a1e35b36ef5a444dd1a8e7cc3ed8.pem";

  static String resource(String name) {
    try (InputStream in = AwsSnsTest.class.getResourceAsStream("aws-sns/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("missing test resource " + name, e);
    }
  }

  static String officialPem() {
    return resource("SimpleNotificationService-7506a1e35b36ef5a444dd1a8e7cc3ed8.pem");
  }

  static WebhookVerifier officialVerifier(Instant at) {
    return AwsSns.builder(CertificateSource.ofPem(List.of(officialPem())))
        .clock(Clock.fixed(at, ZoneOffset.UTC))
        .build();
  }

  private static final String[] OFFICIAL = {
    "test-notification-with-subject.json",
    "test-notification-signature-v2.json",
    "test-subscription-confirmation.json"
  };

  @Test
  void officialResources_areTheFilesTheCatalogNames() throws Exception {
    assertThat(officialPem()).hasSize(2061);
    X509Certificate certificate = Pem.certificates(officialPem()).get(0);
    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=sns.amazonaws.com");
    assertThat(certificate.getNotBefore().toInstant())
        .isEqualTo(Instant.parse("2025-11-10T00:00:00Z"));
    assertThat(certificate.getNotAfter().toInstant())
        .isEqualTo(Instant.parse("2026-10-14T23:59:59Z"));
    assertThat(sha256(resource(OFFICIAL[0])).length()).isEqualTo(64);
  }

  @Test
  void verify_officialSdkVectors_acceptedThroughThePublicApi() throws Exception {
    // OFFICIAL: aws/aws-sdk-java-v2 services-custom/sns-message-manager test resources, used by
    // SignatureValidatorTest.validateSignature_signatureValid_doesNotThrow (commit fba46448).
    List<String> failures = new ArrayList<>();
    String[] ids = {
      "26858270-545e-5848-82a2-e05566af3dcf",
      "9d2c5580-b61d-550c-8583-37a582870907",
      "f3f2fc87-c426-4c2f-9044-b55890c0939c"
    };
    WebhookVerifier verifier = officialVerifier(IN_VALIDITY);
    for (int i = 0; i < OFFICIAL.length; i++) {
      try {
        VerifiedWebhook webhook = verifier.verify(request(Map.of(), utf8(resource(OFFICIAL[i]))));
        if (!webhook.deliveryId().orElse("").equals(ids[i]) || !webhook.isDeliveryIdSigned()) {
          failures.add(OFFICIAL[i] + ": delivery id " + webhook.deliveryId());
        }
        if (!AwsSns.message(webhook).messageId().equals(ids[i])) {
          failures.add(OFFICIAL[i] + ": message id");
        }
      } catch (WebhookVerificationException e) {
        failures.add(OFFICIAL[i] + ": " + e.reason() + " " + e.getMessage());
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void verify_officialVectors_readTheSignedFieldsAndTheSubscribeUrl() throws Exception {
    WebhookVerifier verifier = officialVerifier(IN_VALIDITY);
    VerifiedWebhook notification = verifier.verify(request(Map.of(), utf8(resource(OFFICIAL[0]))));
    AwsSns.Message message = AwsSns.message(notification);
    assertThat(message.type()).isEqualTo("Notification");
    assertThat(message.subject()).contains("My message subject");
    assertThat(message.message()).isEqualTo("Hello! This message has a subject.");
    assertThat(message.timestampText()).isEqualTo("2026-03-06T19:53:21.424Z");
    assertThat(notification.timestamp()).contains(Instant.parse("2026-03-06T19:53:21.424Z"));
    assertThat(AwsSns.subscribeUrl(notification, List.of(OFFICIAL_TOPIC))).isEmpty();

    VerifiedWebhook confirmation = verifier.verify(request(Map.of(), utf8(resource(OFFICIAL[2]))));
    assertThat(AwsSns.message(confirmation).message()).contains("\nTo confirm");
    assertThat(AwsSns.subscribeUrl(confirmation, List.of(OFFICIAL_TOPIC)))
        .hasValueSatisfying(
            url ->
                assertThat(url)
                    .startsWith(
                        "https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn="));
  }

  @Test
  void verify_officialSdkNegatives_rejectedWithTypedReasons() {
    // The SDK test's negatives (SignatureValidatorTest): an all-zero 256-byte signature, a 1-byte
    // signature, and a missing Signature, Timestamp or SignatureVersion.
    WebhookVerifier verifier = officialVerifier(IN_VALIDITY);
    String genuine = resource(OFFICIAL[0]);
    String signature = field(genuine, "Signature");
    Map<String, Reason> expected = new LinkedHashMap<>();
    expected.put(
        genuine.replace(signature, java.util.Base64.getEncoder().encodeToString(new byte[256])),
        Reason.SIGNATURE_MISMATCH);
    expected.put(genuine.replace(signature, "AA=="), Reason.SIGNATURE_MISMATCH);
    expected.put(without(genuine, "Signature"), Reason.MISSING_SIGNATURE);
    expected.put(without(genuine, "Timestamp"), Reason.MISSING_TIMESTAMP);
    expected.put(without(genuine, "SignatureVersion"), Reason.MALFORMED_SIGNATURE);
    expected.put(genuine.replace(signature, "not base64!"), Reason.MALFORMED_SIGNATURE);
    expected.put(
        genuine.replace("Hello! This message", "Hello. This message"), Reason.SIGNATURE_MISMATCH);
    expected.put(
        genuine.replace("dongie-standard-topic\",", "other-topic\","), Reason.SIGNATURE_MISMATCH);
    expected.put(
        genuine.replace("2026-03-06T19:53:21.424Z", "2026-03-06T19:53:21.425Z"),
        Reason.SIGNATURE_MISMATCH);
    expected.put(without(genuine, "Subject"), Reason.SIGNATURE_MISMATCH);
    expected.put(without(genuine, "SigningCertURL"), Reason.UNTRUSTED_CERTIFICATE_URL);
    expected.put(without(genuine, "Type"), Reason.MALFORMED_SIGNATURE);
    expected.put(genuine.replace("\"Notification\"", "\"Notice\""), Reason.MALFORMED_SIGNATURE);
    expected.put(
        genuine.replace("\"Notification\"", "\"SubscriptionConfirmation\""),
        Reason.MALFORMED_SIGNATURE);
    expected.put("{}", Reason.MISSING_SIGNATURE);
    expected.put("not json", Reason.MISSING_SIGNATURE);
    expected.put(genuine + "x", Reason.MALFORMED_SIGNATURE);
    expected.put(
        genuine.replace("\"1\"", "1"), Reason.MALFORMED_SIGNATURE); // a number, not a string
    List<String> failures = new ArrayList<>();
    expected.forEach(
        (body, reason) -> {
          Reason actual = reasonOf(verifier, request(Map.of(), utf8(body)));
          if (actual != reason) {
            failures.add(reason + " expected, got " + actual + " for " + abbreviate(body));
          }
        });
    assertThat(failures).isEmpty();
  }

  @Test
  void verify_certificateOutsideItsValidity_untrustedCertificate() {
    String genuine = resource(OFFICIAL[1]);
    assertThat(
            reasonOf(
                officialVerifier(Instant.parse("2026-10-15T00:00:00Z")),
                request(Map.of(), utf8(genuine))))
        .isEqualTo(Reason.UNTRUSTED_CERTIFICATE);
    assertThat(
            reasonOf(
                officialVerifier(Instant.parse("2025-11-09T23:59:59Z")),
                request(Map.of(), utf8(genuine))))
        .isEqualTo(Reason.UNTRUSTED_CERTIFICATE);
    // Exactly on the edges: valid.
    assertThat(
            reasonOf(
                officialVerifier(Instant.parse("2026-10-14T23:59:59Z")),
                request(Map.of(), utf8(genuine))))
        .isNull();
    assertThat(
            reasonOf(
                officialVerifier(Instant.parse("2025-11-10T00:00:00Z")),
                request(Map.of(), utf8(genuine))))
        .isNull();
  }

  /** Certificate URLs a forger might name, each refused before any look-up. */
  static final List<String> HOSTILE_URLS =
      List.of(
          "https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService-1.pem",
          "https://sns.us-east-1.amazonaws.com.evil.example/",
          "https://evil.example/sns.us-east-1.amazonaws.com/x.pem",
          "https://evil.example#@sns.us-east-1.amazonaws.com/x.pem",
          "https://user@sns.us-east-1.amazonaws.com/x.pem",
          "https://sns.us-east-1.amazonaws.com@evil.example/x.pem",
          "https://sns.us-east-1.amazonaws.com:443/x.pem",
          "https://sns.us-east-1.amazonaws.com:8443/x.pem",
          "http://sns.us-east-1.amazonaws.com/x.pem",
          "HTTPS://sns.us-east-1.amazonaws.com/x.pem",
          "https://SNS.us-east-1.amazonaws.com/x.pem",
          "https://sns.us-east-1.amazonaws.com./x.pem",
          "https://sns.us-east-1.evil.amazonaws.com/x.pem",
          "https://sns..amazonaws.com/x.pem",
          "https://sqs.us-east-1.amazonaws.com/x.pem",
          "https://sns.us-east-1.amazonaws.com/x.pem?x=1",
          "https://sns.us-east-1.amazonaws.com/x.pem#y",
          "https://sns.us-east-1.amazonaws.com/../x.pem",
          "https://sns.us-east-1.amazonaws.com/a/./x.pem",
          "https://sns.us-east-1.amazonaws.com//evil.example/x.pem",
          "https://sns.us-east-1.amazonaws.com/%2e%2e/x.pem",
          "https://sns.us-east-1.amazonaws.com\\@evil.example/x.pem",
          "https://sns.us-east-1.amazonaws.com/x.txt",
          "https://sns.us-east-1.amazonaws.com/.pem",
          "https://sns.us-east-1.amazonaws.com",
          "https://sns.us-east-1.amazonaws.com/ x.pem",
          "https://sns.us-east-1.amazonaws.com/x.pem\n",
          "//sns.us-east-1.amazonaws.com/x.pem",
          "file:///etc/passwd",
          // S3 virtual hosts of a bucket named "sns": whoever owns it serves what they like there
          "https://sns.s3.amazonaws.com/x.pem",
          "https://sns.s3-us-west-2.amazonaws.com/x.pem",
          "https://sns.s3-external-1.amazonaws.com/x.pem",
          "https://sns.s3-website.amazonaws.com/x.pem",
          "https://sns.s3.amazonaws.com.cn/x.pem",
          "https://sns.execute-api.amazonaws.com/x.pem",
          "https://sns.us-.amazonaws.com/x.pem",
          "");

  @Test
  void verify_hostileCertificateUrls_refusedBeforeAnyLookup() {
    AtomicInteger lookups = new AtomicInteger();
    CertificateSource counting =
        url -> {
          lookups.incrementAndGet();
          return Pem.certificates(officialPem());
        };
    WebhookVerifier verifier =
        AwsSns.builder(counting).clock(Clock.fixed(IN_VALIDITY, ZoneOffset.UTC)).build();
    String genuine = resource(OFFICIAL[0]);
    List<String> failures = new ArrayList<>();
    for (String url : HOSTILE_URLS) {
      String body = genuine.replace(CERTIFICATE_URL, jsonEscape(url));
      Reason reason = reasonOf(verifier, request(Map.of(), utf8(body)));
      if (reason != Reason.UNTRUSTED_CERTIFICATE_URL) {
        failures.add(url + ": " + reason);
      }
    }
    assertThat(failures).isEmpty();
    assertThat(lookups).hasValue(0);
    // The genuine URL is looked up once, and the China partition's hosts are SNS's too.
    assertThat(reasonOf(verifier, request(Map.of(), utf8(genuine)))).isNull();
    assertThat(lookups).hasValue(1);
    for (String region :
        List.of(
            "us-east-1",
            "us-gov-west-1",
            "eu-central-2",
            "ap-southeast-7",
            "me-south-1",
            "il-central-1",
            "mx-central-1",
            "eusc-de-east-1")) {
      assertThat(AwsSns.CERTIFICATE_URLS.allows("https://sns." + region + ".amazonaws.com/a.pem"))
          .as(region)
          .isTrue();
    }
    assertThat(AwsSns.CERTIFICATE_URLS.allows("https://sns.cn-north-1.amazonaws.com.cn/a.pem"))
        .isTrue();
  }

  @Test
  void verify_certificateForAnotherName_untrustedCertificate() {
    KeyPair pair = SigningCertificates.rsaKeyPair();
    String privateKey = Signed.base64(pair.getPrivate().getEncoded());
    for (String name : List.of("evil.example", "sns.amazonaws.com.evil.example", "amazonaws.com")) {
      String pem =
          SigningCertificates.pem(
              SigningCertificates.selfSigned(
                  pair, name, SigningCertificates.NOT_BEFORE, SigningCertificates.NOT_AFTER));
      SignedDelivery delivery = AwsSns.signedDelivery(privateKey, outgoing("{}"));
      WebhookVerifier verifier =
          AwsSns.builder(CertificateSource.ofPem(List.of(pem)))
              .clock(Requests.at(1_800_000_000L))
              .build();
      assertThat(reasonOf(verifier, request(delivery.headers(), delivery.body())))
          .as(name)
          .isEqualTo(Reason.UNTRUSTED_CERTIFICATE);
    }
  }

  @Test
  void verify_expiredAndNotYetValidGeneratedCertificates_untrustedCertificate() {
    KeyPair pair = SigningCertificates.rsaKeyPair();
    String privateKey = Signed.base64(pair.getPrivate().getEncoded());
    SignedDelivery delivery = AwsSns.signedDelivery(privateKey, outgoing("{}"));
    Instant now = Instant.ofEpochSecond(1_800_000_000L);
    String expired =
        SigningCertificates.pem(
            SigningCertificates.selfSigned(
                pair, "sns.amazonaws.com", now.minus(Duration.ofDays(30)), now.minusSeconds(1)));
    String future =
        SigningCertificates.pem(
            SigningCertificates.selfSigned(
                pair, "sns.amazonaws.com", now.plusSeconds(1), now.plus(Duration.ofDays(30))));
    for (String pem : List.of(expired, future)) {
      WebhookVerifier verifier =
          AwsSns.builder(CertificateSource.ofPem(List.of(pem)))
              .clock(Requests.at(1_800_000_000L))
              .build();
      assertThat(reasonOf(verifier, request(delivery.headers(), delivery.body())))
          .isEqualTo(Reason.UNTRUSTED_CERTIFICATE);
    }
  }

  @Test
  void verify_signatureVersions_v2OnlyRefusesV1AndNoVersionSwapVerifies() {
    WebhookVerifier v2Only =
        AwsSns.builderForSignatureVersion2(CertificateSource.ofPem(List.of(officialPem())), null)
            .clock(Clock.fixed(IN_VALIDITY, ZoneOffset.UTC))
            .build();
    assertThat(reasonOf(v2Only, request(Map.of(), utf8(resource(OFFICIAL[0])))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reasonOf(v2Only, request(Map.of(), utf8(resource(OFFICIAL[1]))))).isNull();
    WebhookVerifier both = officialVerifier(IN_VALIDITY);
    String v1 =
        resource(OFFICIAL[0])
            .replace("\"SignatureVersion\" : \"1\"", "\"SignatureVersion\" : \"2\"");
    String v2 =
        resource(OFFICIAL[1])
            .replace("\"SignatureVersion\" : \"2\"", "\"SignatureVersion\" : \"1\"");
    assertThat(reasonOf(both, request(Map.of(), utf8(v1)))).isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(reasonOf(both, request(Map.of(), utf8(v2)))).isEqualTo(Reason.SIGNATURE_MISMATCH);
    for (String version : List.of("3", "", "01", "2 ", "sha256")) {
      String other =
          resource(OFFICIAL[1])
              .replace(
                  "\"SignatureVersion\" : \"2\"", "\"SignatureVersion\" : \"" + version + "\"");
      assertThat(reasonOf(both, request(Map.of(), utf8(other))))
          .as(version)
          .isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
  }

  @Test
  void verify_headersThatDisagreeWithTheSignedBody_malformed() {
    WebhookVerifier verifier = officialVerifier(IN_VALIDITY);
    byte[] body = utf8(resource(OFFICIAL[0]));
    assertThat(
            reasonOf(
                verifier,
                request(
                    Map.of(
                        AwsSns.MESSAGE_TYPE_HEADER,
                        "Notification",
                        AwsSns.MESSAGE_ID_HEADER,
                        "26858270-545e-5848-82a2-e05566af3dcf"),
                    body)))
        .isNull();
    for (Map<String, String> headers :
        List.of(
            Map.of(AwsSns.MESSAGE_TYPE_HEADER, "SubscriptionConfirmation"),
            Map.of(AwsSns.MESSAGE_ID_HEADER, "other"),
            Map.of(AwsSns.TOPIC_ARN_HEADER, "arn:aws:sns:us-west-2:1:other"))) {
      assertThat(reasonOf(verifier, request(headers, body)))
          .as(headers.toString())
          .isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
  }

  @Test
  void verify_tolerance_boundsTheSignedTimestampBothWays() {
    CertificateSource source = CertificateSource.ofPem(List.of(officialPem()));
    Instant signed = Instant.parse("2026-03-06T20:00:26.893Z");
    byte[] body = utf8(resource(OFFICIAL[1]));
    Duration hour = Duration.ofHours(1);
    assertThat(reasonOf(verifierAt(source, hour, signed.plus(hour)), request(Map.of(), body)))
        .isNull();
    assertThat(
            reasonOf(
                verifierAt(source, hour, signed.plus(hour).plusMillis(1)), request(Map.of(), body)))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(
            reasonOf(
                verifierAt(source, hour, signed.minus(hour).minusMillis(1)),
                request(Map.of(), body)))
        .isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    // No tolerance (the default): a year-old message still verifies while its certificate is valid.
    assertThat(
            reasonOf(
                verifierAt(source, null, Instant.parse("2026-10-01T00:00:00Z")),
                request(Map.of(), body)))
        .isNull();
    String malformed = resource(OFFICIAL[1]).replace("2026-03-06T20:00:26.893Z", "yesterday");
    assertThat(reasonOf(verifierAt(source, null, signed), request(Map.of(), utf8(malformed))))
        .isEqualTo(Reason.MALFORMED_TIMESTAMP);
  }

  private static WebhookVerifier verifierAt(
      CertificateSource source, Duration tolerance, Instant at) {
    return AwsSns.builder(source, tolerance).clock(Clock.fixed(at, ZoneOffset.UTC)).build();
  }

  @Test
  void claim_everyUnsignedChangeToAnOfficialMessage_isDuplicateOrRejected() throws Exception {
    IdempotentVerifier idempotent =
        IdempotentVerifier.builder(officialVerifier(IN_VALIDITY), new InMemoryIdempotencyStore(100))
            .build();
    String genuine = resource(OFFICIAL[0]);
    try (ClaimedDelivery first = idempotent.claim(request(Map.of(), utf8(genuine)))) {
      first.complete();
    }
    String unsubscribe = field(genuine, "UnsubscribeURL");
    List<String> replays =
        List.of(
            genuine,
            genuine.replace("\n", "").replace(" : ", ":"),
            genuine.replace("\n", "\r\n"),
            "\n\t " + genuine + "\n",
            genuine.replace(unsubscribe, "https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe"),
            genuine.replace(
                "\"Type\"", "\"MessageAttributes\" : {\"a\":{\"Type\":\"String\"}},\n \"Type\""),
            genuine.replace("Hello!", "Hello\\u0021"),
            genuine.replace("\"Message\" :", "\"Mess\\u0061ge\" :"),
            genuine.replace("/", "\\/"),
            reorder(genuine),
            genuine.replace("\"Notification\"", "\"Notification\", \"Extra\" : 1"),
            genuine.replace(
                field(genuine, "Signature"), field(genuine, "Signature").replace("==", "")),
            genuine.replace("\"SignatureVersion\" : \"1\"", "\"SignatureVersion\" : \"2\""),
            genuine.replace("\"Subject\" : \"My message subject\",", ""));
    List<String> failures = new ArrayList<>();
    for (String replay : replays) {
      WebhookRequest request =
          request(Map.of(AwsSns.MESSAGE_TYPE_HEADER, "Notification"), utf8(replay));
      try (ClaimedDelivery claimed = idempotent.claim(request)) {
        failures.add("a fresh delivery: " + abbreviate(replay));
        claimed.complete();
      } catch (WebhookVerificationException e) {
        if (e.reason() != Reason.DUPLICATE_DELIVERY && e.reason().httpStatus() != 401) {
          failures.add(e.reason() + ": " + abbreviate(replay));
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void forgedFlood_suppliedCertificates_oneInMemoryLookupPerRequestAndNoFetch() {
    AtomicInteger lookups = new AtomicInteger();
    List<X509Certificate> certificates = Pem.certificates(officialPem());
    CertificateSource counting =
        url -> {
          lookups.incrementAndGet();
          return certificates;
        };
    WebhookVerifier verifier =
        AwsSns.builder(counting).clock(Clock.fixed(IN_VALIDITY, ZoneOffset.UTC)).build();
    String genuine = resource(OFFICIAL[0]);
    String signature = field(genuine, "Signature");
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 200; i++) {
      byte[] forged = new byte[256];
      random.nextBytes(forged);
      String body =
          genuine
              .replace(signature, java.util.Base64.getEncoder().encodeToString(forged))
              .replace(CERTIFICATE_URL, "https://sns.us-r" + i + ".amazonaws.com/c" + i + ".pem");
      assertThat(reasonOf(verifier, request(Map.of(), utf8(body))))
          .isEqualTo(Reason.SIGNATURE_MISMATCH);
    }
    assertThat(lookups).hasValue(200);
  }

  @Test
  void forgedFlood_wellFormedMessageAtTheBodyLimitWithEightCertificates_staysWithinTheBound()
      throws Exception {
    List<String> pems = new ArrayList<>();
    for (int i = 0; i < dev.hookverify.KeyRing.MAX_KEYS; i++) {
      pems.add(Providers.byName(AwsSns.NAME).sender().newTestKeys().verificationKey());
    }
    WebhookVerifier verifier =
        Providers.byName(AwsSns.NAME).verifier(pems).clock(Requests.at(1_800_000_000L)).build();
    // A message that parses and reaches the signature check: one RSA verification per
    // certificate over a canonical string of about the body's size.
    String forger = Providers.byName(AwsSns.NAME).sender().newTestKeys().signingKey();
    SignedDelivery delivery =
        AwsSns.signedDelivery(
            forger, outgoing("x".repeat(WebhookVerifier.DEFAULT_MAX_BODY_BYTES - 1200)));
    WebhookRequest forged = request(delivery.headers(), delivery.body());
    assertThat(reasonOf(verifier, forged)).isEqualTo(Reason.SIGNATURE_MISMATCH);
    long allocated = dev.hookverify.cost.ThreadCost.allocatedBytes();
    long cpu = dev.hookverify.cost.ThreadCost.cpuNanos();
    assertThat(reasonOf(verifier, forged)).isEqualTo(Reason.SIGNATURE_MISMATCH);
    allocated = dev.hookverify.cost.ThreadCost.allocatedBytes() - allocated;
    long millis = (dev.hookverify.cost.ThreadCost.cpuNanos() - cpu) / 1_000_000;
    assertThat(allocated)
        .isLessThan(
            (long) ForgedFloodTest.ALLOCATION_PER_BODY_BYTE * 4 * forged.bodyLength()
                + ForgedFloodTest.ALLOCATION_CONSTANT);
    assertThat(millis).isLessThan(ForgedFloodTest.CPU_MILLIS);
  }

  @Test
  void sender_producesWhatSnsSends_andItsVerifierAcceptsIt() throws Exception {
    Provider sns = Providers.byName(AwsSns.NAME);
    TestKeys keys = sns.sender().newTestKeys();
    OutgoingWebhook webhook =
        OutgoingWebhook.builder(utf8("{\"order\":\"caf\u00e9\"}"))
            .timestamp(1_800_000_000L)
            .id("b6b9d1a4-0e2b-5d3c-9f3e-2a1d7d8e9f01")
            .build();
    SignedDelivery delivery = sns.sender().sign(keys.signingKey(), webhook);
    assertThat(delivery.headers())
        .containsEntry("Content-Type", "text/plain; charset=UTF-8")
        .containsEntry(AwsSns.MESSAGE_TYPE_HEADER, "Notification")
        .containsEntry(AwsSns.MESSAGE_ID_HEADER, "b6b9d1a4-0e2b-5d3c-9f3e-2a1d7d8e9f01")
        .containsEntry(AwsSns.TOPIC_ARN_HEADER, AwsSns.TEST_TOPIC)
        .containsKey(AwsSns.SUBSCRIPTION_ARN_HEADER)
        .containsEntry("User-Agent", "Amazon Simple Notification Service Agent");
    com.fasterxml.jackson.databind.JsonNode body =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(delivery.body());
    List<String> names = new ArrayList<>();
    body.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly(
            "Type",
            "MessageId",
            "TopicArn",
            "Message",
            "Timestamp",
            "SignatureVersion",
            "Signature",
            "SigningCertURL",
            "UnsubscribeURL");
    assertThat(body.get("Timestamp").asText()).isEqualTo("2027-01-15T08:00:00.000Z");
    assertThat(body.get("Message").asText()).isEqualTo("{\"order\":\"caf\u00e9\"}");
    VerifiedWebhook verified =
        sns.verifier(List.of(keys.verificationKey()))
            .clock(Requests.at(1_800_000_000L))
            .build()
            .verify(request(delivery.headers(), delivery.body()));
    assertThat(verified.deliveryId()).contains("b6b9d1a4-0e2b-5d3c-9f3e-2a1d7d8e9f01");
    assertThat(AwsSns.message(verified).message()).isEqualTo("{\"order\":\"caf\u00e9\"}");
  }

  @Test
  void subscribeUrl_onlyForAVerifiedConfirmationOnAnSnsHost() {
    TestKeys keys = Providers.byName(AwsSns.NAME).sender().newTestKeys();
    WebhookVerifier verifier =
        Providers.byName(AwsSns.NAME)
            .verifier(List.of(keys.verificationKey()))
            .clock(Requests.at(1_800_000_000L))
            .build();
    Map<String, String> results = new LinkedHashMap<>();
    for (String url :
        List.of(
            "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:eu-west-1:1:t&Token=abc",
            "https://sns.eu-west-1.amazonaws.com.evil.example/?Action=ConfirmSubscription&Token=abc",
            "http://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=abc",
            "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&Token=abc",
            "https://evil.example/?Action=ConfirmSubscription&Token=abc")) {
      Map<String, String> fields = confirmation("SubscriptionConfirmation", url);
      SignedDelivery delivery = AwsSns.sign(keys.signingKey(), fields, "2");
      try {
        VerifiedWebhook webhook = verifier.verify(request(delivery.headers(), delivery.body()));
        results.put(url, AwsSns.subscribeUrl(webhook, List.of(TOPIC)).orElse("none"));
      } catch (WebhookVerificationException e) {
        results.put(url, e.reason().name());
      }
    }
    assertThat(results.values())
        .containsExactly(
            "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:eu-west-1:1:t&Token=abc",
            "none",
            "none",
            "none",
            "none");
    // An unsubscribe confirmation verifies, and is no subscription to confirm.
    SignedDelivery unsubscribe =
        AwsSns.sign(
            keys.signingKey(),
            confirmation(
                "UnsubscribeConfirmation",
                "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=abc"),
            "1");
    VerifiedWebhook webhook =
        assertAccepted(verifier, request(unsubscribe.headers(), unsubscribe.body()));
    assertThat(AwsSns.subscribeUrl(webhook, List.of(TOPIC))).isEmpty();
    // A forged confirmation (another key) never gets that far.
    SignedDelivery forged =
        AwsSns.sign(
            Providers.byName(AwsSns.NAME).sender().newTestKeys().signingKey(),
            confirmation(
                "SubscriptionConfirmation",
                "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=abc"),
            "1");
    assertThat(reasonOf(verifier, request(forged.headers(), forged.body())))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void verify_aMessageThatSplitsIntoAnotherMessageId_malformedThoughAwsSignedIt() {
    // SNS does not escape its lines: this Message makes a string that also reads as Message "a",
    // MessageId "forged", Subject "...". One signature must not give two delivery ids.
    TestKeys keys = Providers.byName(AwsSns.NAME).sender().newTestKeys();
    WebhookVerifier verifier =
        Providers.byName(AwsSns.NAME)
            .verifier(List.of(keys.verificationKey()))
            .clock(Requests.at(1_800_000_000L))
            .build();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Type", "Notification");
    fields.put("MessageId", "m-1");
    fields.put("TopicArn", AwsSns.TEST_TOPIC);
    fields.put("Message", "a\nMessageId\nforged\nSubject\nx");
    fields.put("Timestamp", "2027-01-15T08:00:00.123Z");
    assertThat(AwsSns.canonical(fields)).isNull();
    fields.put("Message", "a\nMessageId is not on its own line");
    SignedDelivery fine = AwsSns.sign(keys.signingKey(), fields, "1");
    assertThat(reasonOf(verifier, request(fine.headers(), fine.body()))).isNull();
    String forged =
        new String(fine.body(), StandardCharsets.UTF_8)
            .replace("MessageId is not on its own line", "MessageId\\nforged");
    assertThat(reasonOf(verifier, request(Map.of(), utf8(forged))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  static final String OFFICIAL_TOPIC = "arn:aws:sns:us-west-2:131990247566:dongie-standard-topic";
  static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:t";

  @Test
  void anotherAccountsTopic_isNotThisReceiversMessage_andItsConfirmationIsNeverFollowed() {
    // Any AWS account can subscribe this endpoint to its own topic: SNS then signs, with its one
    // certificate, a confirmation and (once confirmed) notifications whose Message the attacker
    // writes. The signature alone proves SNS, not this application's topic.
    TestKeys keys = Providers.byName(AwsSns.NAME).sender().newTestKeys();
    CertificateSource certificates = CertificateSource.ofPem(List.of(keys.verificationKey()));
    String attackerTopic = "arn:aws:sns:eu-west-1:666666666666:t";
    String url =
        "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn="
            + attackerTopic
            + "&Token=abc";
    Map<String, String> fields = confirmation("SubscriptionConfirmation", url);
    fields.put("TopicArn", attackerTopic);
    SignedDelivery confirm = AwsSns.sign(keys.signingKey(), fields, "2");
    VerifiedWebhook unpinned =
        assertAccepted(
            AwsSns.builder(certificates).clock(Requests.at(1_800_000_000L)).build(),
            request(confirm.headers(), confirm.body()));
    // The helper answers only for the topics named.
    assertThat(AwsSns.subscribeUrl(unpinned, List.of(TOPIC))).isEmpty();
    assertThat(AwsSns.subscribeUrl(unpinned, List.of(attackerTopic))).contains(url);
    assertThatThrownBy(() -> AwsSns.subscribeUrl(unpinned, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    // A verifier pinned to this application's topic refuses the other account's messages.
    Map<String, String> notification = new LinkedHashMap<>();
    notification.put("Type", "Notification");
    notification.put("MessageId", "265545c9-2a5c-472c-8df2-7ff2be2b3b1b");
    notification.put("TopicArn", attackerTopic);
    notification.put("Message", "{\"refund\":\"all\"}");
    notification.put("Timestamp", "2027-01-15T08:00:00.123Z");
    SignedDelivery publish = AwsSns.sign(keys.signingKey(), notification, "1");
    for (WebhookVerifier pinned :
        List.of(
            AwsSns.builder(certificates, null, List.of(TOPIC))
                .clock(Requests.at(1_800_000_000L))
                .build(),
            AwsSns.builderForSignatureVersion2(certificates, null, List.of(TOPIC))
                .clock(Requests.at(1_800_000_000L))
                .build())) {
      assertThat(reasonOf(pinned, request(publish.headers(), publish.body())))
          .isEqualTo(Reason.SIGNATURE_MISMATCH);
      assertThat(reasonOf(pinned, request(confirm.headers(), confirm.body())))
          .isEqualTo(Reason.SIGNATURE_MISMATCH);
    }
    notification.put("TopicArn", TOPIC);
    SignedDelivery own = AwsSns.sign(keys.signingKey(), notification, "1");
    assertAccepted(
        AwsSns.builder(certificates, null, List.of(TOPIC))
            .clock(Requests.at(1_800_000_000L))
            .build(),
        request(own.headers(), own.body()));
  }

  static Map<String, String> confirmation(String type, String subscribeUrl) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Type", type);
    fields.put("MessageId", "165545c9-2a5c-472c-8df2-7ff2be2b3b1b");
    fields.put("Token", "2336412f37fb687f5d51e6e2425929f52e8e3531");
    fields.put("TopicArn", "arn:aws:sns:eu-west-1:123456789012:t");
    fields.put("Message", "You have chosen to subscribe.\nConfirm it.");
    fields.put("SubscribeURL", subscribeUrl);
    fields.put("Timestamp", "2027-01-15T08:00:00.123Z");
    return fields;
  }

  private static VerifiedWebhook assertAccepted(WebhookVerifier verifier, WebhookRequest request) {
    try {
      return verifier.verify(request);
    } catch (WebhookVerificationException e) {
      throw new AssertionError("rejected: " + e.reason() + " " + e.getMessage(), e);
    }
  }

  static OutgoingWebhook outgoing(String body) {
    return OutgoingWebhook.builder(utf8(body)).timestamp(1_800_000_000L).id("m-1").build();
  }

  /** The value of string field {@code name} in an SNS body as the SDK's files write it. */
  static String field(String body, String name) {
    int at = body.indexOf("\"" + name + "\" : \"");
    int start = at + name.length() + 6;
    return body.substring(start, body.indexOf('"', start));
  }

  /** {@code body} without the line of field {@code name}. */
  static String without(String body, String name) {
    StringBuilder out = new StringBuilder();
    for (String line : body.split("\n", -1)) {
      if (!line.startsWith("  \"" + name + "\" :")) {
        out.append(line).append('\n');
      }
    }
    String text = out.substring(0, out.length() - 1);
    return text.replace(",\n}", "\n}");
  }

  private static String reorder(String body) {
    String[] lines = body.substring(2, body.length() - 2).split(",\n");
    List<String> list = new ArrayList<>(List.of(lines));
    java.util.Collections.reverse(list);
    return "{\n" + String.join(",\n", list) + "\n}";
  }

  private static String jsonEscape(String text) {
    return text.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private static String abbreviate(String body) {
    return body.length() > 120 ? body.substring(0, 120) + "..." : body;
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
