package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.paypal.api.payments.Event;
import com.paypal.base.Constants;
import com.paypal.base.rest.APIContext;
import com.sun.net.httpserver.HttpServer;
import dev.hookverify.CertificateSource;
import dev.hookverify.Pem;
import dev.hookverify.Reason;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.signing.SignedDelivery;
import dev.hookverify.providers.signing.TestKeys;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.messagemanager.sns.internal.SignatureValidator;
import software.amazon.awssdk.messagemanager.sns.internal.SnsMessageUnmarshaller;
import software.amazon.awssdk.messagemanager.sns.model.SnsMessage;

/**
 * The official SDKs as oracles for the certificate-signed senders. AWS SDK for Java v2
 * (software.amazon.awssdk:sns-message-manager): its unmarshaller and {@code SignatureValidator},
 * the pure part of {@code SnsMessageManager} (which would download the certificate). PayPal's Java
 * SDK (com.paypal.sdk:rest-api-sdk): {@code Event.validateReceivedEvent} whole, its certificate
 * downloaded from a loopback HTTP server and its trust anchor the test certificate itself. Neither
 * SDK signs, so each direction is: the SDK accepts every delivery hookverify's signing kit makes
 * (random bodies: empty, non-ASCII, CRLF, 64 KiB; random keys and times) and hookverify accepts it
 * too; and for tampered deliveries both reject.
 */
class CertificateSendersSdkOracleTest {
  private static final Random RANDOM = new Random(20261206);

  static List<String> bodies() {
    List<String> bodies = new ArrayList<>();
    bodies.add("");
    bodies.add("{\"note\":\"caf\u00e9 \u2603 \ud83d\ude00\"}");
    bodies.add("line one\r\nline two\r\n");
    StringBuilder large = new StringBuilder();
    while (large.length() < 64 * 1024) {
      large.append((char) ('a' + RANDOM.nextInt(26)));
    }
    bodies.add(large.toString());
    for (int i = 0; i < 6; i++) {
      StringBuilder random = new StringBuilder();
      int length = RANDOM.nextInt(300);
      for (int j = 0; j < length; j++) {
        int c = 0x20 + RANDOM.nextInt(0x2fff);
        random.append(Character.isSurrogate((char) c) ? 'x' : (char) c);
      }
      bodies.add(random.toString());
    }
    return bodies;
  }

  // ------------------------------------------------------------------------------------ AWS SNS

  @Test
  void awsSdk_acceptsWhatTheKitSigns_andHookverifyAgrees() throws Exception {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (int round = 0; round < 3; round++) {
      TestKeys keys = Providers.byName(AwsSns.NAME).sender().newTestKeys();
      PublicKey key = Pem.certificates(keys.verificationKey()).get(0).getPublicKey();
      for (String text : bodies()) {
        for (String version : List.of("1", "2")) {
          Map<String, String> fields = randomMessage(text);
          SignedDelivery delivery = AwsSns.sign(keys.signingKey(), fields, version);
          String what = fields.get("Type") + " v" + version + " " + text.length() + " chars";
          if (!awsAccepts(delivery.body(), key)) {
            failures.add("AWS SDK rejected " + what);
          }
          Instant at = Instant.parse(fields.get("Timestamp"));
          if (reasonOf(verifier(keys, at), request(delivery.headers(), delivery.body())) != null) {
            failures.add("hookverify rejected " + what);
          }
          // Tampered: a signed field changed, both reject.
          byte[] tampered =
              new String(delivery.body(), StandardCharsets.UTF_8)
                  .replace(fields.get("MessageId"), fields.get("MessageId") + "0")
                  .getBytes(StandardCharsets.UTF_8);
          if (awsAccepts(tampered, key)) {
            failures.add("AWS SDK accepted a tampered " + what);
          }
          if (reasonOf(verifier(keys, at), request(Map.of(), tampered))
              != Reason.SIGNATURE_MISMATCH) {
            failures.add("hookverify did not reject a tampered " + what);
          }
          checked++;
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(checked).isEqualTo(60);
  }

  @Test
  void awsSdk_acceptsTheOfficialVectorsAsHookverifyDoes() throws Exception {
    PublicKey key = Pem.certificates(AwsSnsTest.officialPem()).get(0).getPublicKey();
    for (String name :
        List.of(
            "test-notification-with-subject.json",
            "test-notification-signature-v2.json",
            "test-subscription-confirmation.json")) {
      assertThat(awsAccepts(utf8(AwsSnsTest.resource(name)), key)).as(name).isTrue();
    }
  }

  /**
   * SNS writes three fraction digits always ({@code ...:00.000Z}). The catalog suspected that the
   * AWS SDK v2, rebuilding the timestamp with {@code Instant.toString()}, would reject a message
   * published on a whole second; version 2.47.4 accepts it, as hookverify (which signs the text as
   * sent) does. Pinned here so a regression in either shows.
   */
  @Test
  void awsSdk_wholeSecondTimestamp_acceptedByBoth() throws Exception {
    TestKeys keys = Providers.byName(AwsSns.NAME).sender().newTestKeys();
    PublicKey key = Pem.certificates(keys.verificationKey()).get(0).getPublicKey();
    Map<String, String> fields = randomMessage("whole second");
    fields.put("Timestamp", "2027-01-15T08:00:00.000Z");
    SignedDelivery delivery = AwsSns.sign(keys.signingKey(), fields, "2");
    assertThat(awsAccepts(delivery.body(), key)).isTrue();
    assertThat(
            reasonOf(
                verifier(keys, Instant.parse("2027-01-15T08:00:00Z")),
                request(delivery.headers(), delivery.body())))
        .isNull();
  }

  private static WebhookVerifier verifier(TestKeys keys, Instant at) {
    return AwsSns.builder(CertificateSource.ofPem(List.of(keys.verificationKey())))
        .clock(Clock.fixed(at, ZoneOffset.UTC))
        .build();
  }

  private static boolean awsAccepts(byte[] body, PublicKey key) {
    try {
      SnsMessage message = new SnsMessageUnmarshaller().unmarshall(new ByteArrayInputStream(body));
      new SignatureValidator().validateSignature(message, key);
      return true;
    } catch (RuntimeException rejected) {
      return false;
    }
  }

  private static Map<String, String> randomMessage(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    int kind = RANDOM.nextInt(3);
    String type =
        kind == 0
            ? "Notification"
            : kind == 1 ? "SubscriptionConfirmation" : "UnsubscribeConfirmation";
    fields.put("Type", type);
    fields.put("MessageId", java.util.UUID.randomUUID().toString());
    String topic = "arn:aws:sns:eu-west-1:123456789012:t" + RANDOM.nextInt(1000);
    fields.put("TopicArn", topic);
    if (kind == 0 && RANDOM.nextBoolean()) {
      fields.put("Subject", "subject " + RANDOM.nextInt());
    }
    fields.put("Message", text);
    if (kind != 0) {
      String token = Long.toHexString(RANDOM.nextLong()) + Long.toHexString(RANDOM.nextLong());
      fields.put("Token", token);
      fields.put(
          "SubscribeURL",
          "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn="
              + topic
              + "&Token="
              + token);
    }
    // Milliseconds other than .000: the AWS SDK's Instant.toString() would drop those.
    long millis =
        1_700_000_000_000L + RANDOM.nextInt(1_000_000_000) * 100L + 1 + RANDOM.nextInt(998);
    if (millis % 1000 == 0) {
      millis++;
    }
    fields.put("Timestamp", AwsSns.timestamp(Instant.ofEpochMilli(millis)));
    return fields;
  }

  // ------------------------------------------------------------------------------------- PayPal

  @Test
  @SuppressWarnings("deprecation") // APIContext(): the SDK's own test builds its context so
  void payPalSdk_acceptsWhatTheKitSigns_andHookverifyAgrees() throws Exception {
    TestKeys keys = Providers.byName(PayPal.NAME).sender().newTestKeys();
    String[] signing = PayPal.split(keys.signingKey());
    String[] verifying = PayPal.split(keys.verificationKey());
    String webhookId = signing[0];
    // PayPal's SDK loads its trust anchors from the class path by name: the test certificate is
    // its own anchor, written where the class loader finds it.
    Path classes = Path.of(getClass().getResource("/").toURI());
    String trustName = "paypal-oracle-trust-" + webhookId + ".crt";
    Files.writeString(classes.resolve(trustName), verifying[1], StandardCharsets.US_ASCII);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext(
        "/cert",
        exchange -> {
          byte[] pem = verifying[1].getBytes(StandardCharsets.US_ASCII);
          exchange.sendResponseHeaders(200, pem.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(pem);
          }
        });
    server.start();
    List<String> failures = new ArrayList<>();
    try {
      // The SDK downloads from any URL (it checks none); hookverify's own deliveries name
      // api.sandbox.paypal.com, so the SDK is handed the loopback URL in its place.
      String loopback = "http://127.0.0.1:" + server.getAddress().getPort() + "/cert";
      APIContext context = new APIContext();
      Map<String, String> configuration = new HashMap<>();
      configuration.put(Constants.PAYPAL_WEBHOOK_ID, webhookId);
      configuration.put(Constants.PAYPAL_TRUST_CERT_URL, trustName);
      configuration.put(Constants.HTTP_CONNECTION_TIMEOUT, "5000");
      configuration.put(Constants.HTTP_CONNECTION_READ_TIMEOUT, "5000");
      configuration.put(Constants.HTTP_CONNECTION_RETRY, "1");
      configuration.put(Constants.HTTP_CONNECTION_MAX_CONNECTION, "10");
      context.setConfigurationMap(configuration);
      WebhookVerifier ours =
          PayPal.builder(webhookId, CertificateSource.ofPem(List.of(verifying[1])))
              .clock(Requests.at(1_800_000_000L))
              .build();
      int checked = 0;
      for (String text : bodies()) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        String id = java.util.UUID.randomUUID().toString();
        String time =
            Instant.ofEpochSecond(1_700_000_000L + RANDOM.nextInt(200_000_000)).toString();
        Map<String, String> headers =
            PayPal.sign(signing[1], webhookId, id, time, body, PayPal.TEST_CERTIFICATE_URL);
        Map<String, String> forSdk = new HashMap<>(headers);
        forSdk.put(Constants.PAYPAL_HEADER_CERT_URL, loopback);
        if (!Event.validateReceivedEvent(context, forSdk, text)) {
          failures.add("PayPal SDK rejected a body of " + text.length() + " chars");
        }
        if (reasonOf(ours, request(headers, body)) != null) {
          failures.add("hookverify rejected a body of " + text.length() + " chars");
        }
        String tampered = text + " ";
        if (Event.validateReceivedEvent(context, forSdk, tampered)) {
          failures.add("PayPal SDK accepted a tampered body");
        }
        if (reasonOf(ours, request(headers, utf8(tampered))) != Reason.SIGNATURE_MISMATCH) {
          failures.add("hookverify did not reject a tampered body");
        }
        checked++;
      }
      assertThat(checked).isEqualTo(10);
    } finally {
      server.stop(0);
      Files.deleteIfExists(classes.resolve(trustName));
    }
    assertThat(failures).isEmpty();
  }
}
