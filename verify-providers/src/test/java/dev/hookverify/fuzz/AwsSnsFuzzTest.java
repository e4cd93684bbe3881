package dev.hookverify.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hookverify.CertificateSource;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.AwsSns;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.SnsReadings;
import dev.hookverify.providers.signing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/**
 * The AWS SNS canonical-message parser: fuzzed documents (raw, or a genuine message with one fuzzed
 * field name or value spliced in) whose {@code @@SIG@@} placeholder is replaced by a genuine
 * signature over each canonical message Jackson databind, Gson or org.json reads from them.
 * Accepting one that any of those parsers reads otherwise than the verified view is a finding; so
 * is any throwable but a rejection, or runaway time or memory ({@link Budget}).
 */
class AwsSnsFuzzTest {
  private static final long NOW = 1_800_000_000L;
  private static final TestKeys KEYS = Providers.byName(AwsSns.NAME).sender().newTestKeys();
  private static final WebhookVerifier VERIFIER =
      AwsSns.builder(CertificateSource.ofPem(List.of(KEYS.verificationKey())))
          .clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC))
          .build();
  private static final PrivateKey KEY = privateKey(KEYS.signingKey());
  private static final List<String> BASE =
      List.of(
          "\"Type\":\"Notification\"",
          "\"MessageId\":\"m-1\"",
          "\"TopicArn\":\"arn:aws:sns:us-east-1:1:t\"",
          "\"Subject\":\"s\"",
          "\"Message\":\"hello\"",
          "\"Timestamp\":\"2027-01-15T08:00:00.123Z\"",
          "\"SignatureVersion\":\"1\"",
          "\"Signature\":\"@@SIG@@\"",
          "\"SigningCertURL\":\"https://sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem\"");

  @FuzzTest(maxDuration = "5m")
  void verify(FuzzedDataProvider data) {
    String document;
    switch (data.consumeInt(0, 2)) {
      case 0:
        document = data.consumeRemainingAsString();
        break;
      case 1:
        {
          int at = data.consumeInt(0, BASE.size());
          String field = data.consumeString(200);
          List<String> fields = new java.util.ArrayList<>(BASE);
          fields.add(at, field);
          document = "{" + String.join(",", fields) + "}" + data.consumeRemainingAsString();
          break;
        }
      default:
        {
          int at = data.consumeInt(0, BASE.size() - 1);
          List<String> fields = new java.util.ArrayList<>(BASE);
          String name = fields.get(at).substring(0, fields.get(at).indexOf(':'));
          fields.set(at, name + ":" + data.consumeRemainingAsString());
          document = "{" + String.join(",", fields) + "}";
        }
    }
    byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
    for (String canonical : SnsReadings.readings(bytes)) {
      String signature = Base64.getEncoder().encodeToString(sign(canonical));
      byte[] body = document.replace("@@SIG@@", signature).getBytes(StandardCharsets.UTF_8);
      Budget.Outcome outcome =
          Budget.verify(
              VERIFIER, WebhookRequest.builder().uri("https://r.example/sns").body(body).build());
      if (outcome.verified != null) {
        assertThat(SnsReadings.disagreement(outcome.verified))
            .as("aws-sns accepted a message a handler's parser reads otherwise")
            .isEmpty();
      }
    }
    // The document as sent, unsigned: never accepted.
    Budget.Outcome forged =
        Budget.verify(
            VERIFIER, WebhookRequest.builder().uri("https://r.example/sns").body(bytes).build());
    assertThat(forged.verified).as("aws-sns accepted a placeholder signature").isNull();
  }

  private static byte[] sign(String canonical) {
    try {
      Signature signer = Signature.getInstance("SHA1withRSA");
      signer.initSign(KEY);
      signer.update(canonical.getBytes(StandardCharsets.UTF_8));
      return signer.sign();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PrivateKey privateKey(String base64) {
    try {
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(base64)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
