package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.CertificateSource;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.signing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What is verified is what the handler reads, for AWS SNS: ambiguous documents (repeated keys,
 * escaped and case-variant key names, dotted keys, numbers, nulls, objects where strings belong,
 * lone surrogates, trailing data, a byte order mark, invalid UTF-8), each signed for every reading
 * Jackson databind, Gson and org.json give it. Whenever hookverify accepts one, every parser must
 * read the same canonical message and the same MessageId as hookverify's verified view; a document
 * some parser cannot read must be rejected.
 */
class AwsSnsDifferentialTest {
  private static final String URL_FIELD =
      "\"SigningCertURL\":\"" + AwsSns.TEST_CERTIFICATE_URL + "\"";

  /** Documents with {@code @@SIG@@} where the signature goes. */
  static List<String> corpus() {
    String type = "\"Type\":\"Notification\"";
    String id = "\"MessageId\":\"m-1\"";
    String topic = "\"TopicArn\":\"arn:aws:sns:us-east-1:1:t\"";
    String subject = "\"Subject\":\"s\"";
    String message = "\"Message\":\"hello\"";
    String time = "\"Timestamp\":\"2027-01-15T08:00:00.123Z\"";
    String version = "\"SignatureVersion\":\"1\"";
    String signature = "\"Signature\":\"@@SIG@@\"";
    List<String> base =
        List.of(type, id, topic, subject, message, time, version, signature, URL_FIELD);
    List<String> docs = new ArrayList<>();
    docs.add(object(base));
    // Every field repeated, with another value first or last.
    for (int i = 0; i < base.size(); i++) {
      String field = base.get(i);
      String name = field.substring(0, field.indexOf(':'));
      for (String other :
          List.of("\"x\"", "\"SubscriptionConfirmation\"", "\"m-2\"", "\"2\"", "null", "1", "{}")) {
        List<String> first = new ArrayList<>(base);
        first.add(0, name + ":" + other);
        docs.add(object(first));
        List<String> last = new ArrayList<>(base);
        last.add(name + ":" + other);
        docs.add(object(last));
      }
      // The field's value as another JSON type.
      for (String other : List.of("null", "1", "1.0", "true", "{\"a\":\"b\"}", "[\"x\"]")) {
        List<String> swapped = new ArrayList<>(base);
        swapped.set(i, name + ":" + other);
        docs.add(object(swapped));
      }
      // The field's name escaped, lower-cased, with a dot, with a space.
      String bare = name.substring(1, name.length() - 1);
      String value = field.substring(field.indexOf(':'));
      for (String variant :
          List.of(
              "\\u00" + Integer.toHexString(bare.charAt(0)) + bare.substring(1),
              bare.toLowerCase(java.util.Locale.ROOT),
              bare.toUpperCase(java.util.Locale.ROOT),
              bare + ".x",
              "a." + bare,
              bare + " ")) {
        List<String> renamed = new ArrayList<>(base);
        renamed.set(i, "\"" + variant + "\"" + value);
        docs.add(object(renamed));
        List<String> added = new ArrayList<>(base);
        added.add("\"" + variant + "\"" + value.replace("hello", "other"));
        docs.add(object(added));
      }
    }
    // Values every parser might read differently.
    for (String text :
        List.of(
            "\\ud800",
            "a\\udc00b",
            "\\u0000",
            "caf\\u00e9",
            "caf\u00e9",
            "line\\r\\nline",
            "\\/",
            "\\\"",
            "\ud83d\ude00")) {
      List<String> odd = new ArrayList<>(base);
      odd.set(4, "\"Message\":\"" + text + "\"");
      docs.add(object(odd));
    }
    // Structure: trailing data, comments, single quotes, nesting, unknown fields of every kind.
    String clean = object(base);
    docs.add(clean + "{}");
    docs.add(clean + " x");
    docs.add(clean.replace("{", "{/*c*/"));
    docs.add(clean.replace("\"Message\":\"hello\"", "'Message':'hello'"));
    docs.add(clean.replace("{", "{\"MessageAttributes\":{\"Type\":{\"Type\":\"String\"}},"));
    docs.add(clean.replace("{", "{\"n\":1e999999,"));
    docs.add(clean.replace("{", "{\"n\":-0,"));
    docs.add(clean.replace("{", "{\"deep\":" + "[".repeat(80) + "]".repeat(80) + ","));
    docs.add("[" + clean + "]");
    docs.add("\ufeff" + clean);
    docs.add(clean.replace("{", "{,"));
    docs.add(clean.replace("}", ",}"));
    return docs;
  }

  private static String object(List<String> fields) {
    return "{" + String.join(",", fields) + "}";
  }

  @Test
  void ambiguousDocuments_acceptedOnlyWhereJacksonGsonAndOrgJsonReadTheVerifiedMessage() {
    TestKeys keys = Providers.byName(AwsSns.NAME).sender().newTestKeys();
    WebhookVerifier verifier =
        AwsSns.builder(CertificateSource.ofPem(List.of(keys.verificationKey())))
            .clock(Requests.at(1_800_000_000L))
            .build();
    List<String> failures = new ArrayList<>();
    int documents = 0;
    int signed = 0;
    int accepted = 0;
    for (String doc : corpus()) {
      documents++;
      for (byte[] bytes : SnsReadings.encodings(doc)) {
        for (String canonical : SnsReadings.readings(bytes)) {
          String signature =
              Signed.base64(
                  SigningCertificates.sign(
                      "SHA1withRSA",
                      SigningCertificates.rsaPrivate(keys.signingKey()),
                      canonical.getBytes(StandardCharsets.UTF_8)));
          byte[] candidate = replace(bytes, "@@SIG@@", signature);
          signed++;
          VerifiedWebhook webhook;
          try {
            webhook = verifier.verify(request(Map.of(), candidate));
          } catch (WebhookVerificationException e) {
            continue;
          }
          accepted++;
          SnsReadings.disagreement(webhook).ifPresent(why -> failures.add(why + ": " + doc));
        }
      }
    }
    System.out.printf(
        "aws-sns differential: %d documents, %d signed readings, %d accepted%n",
        documents, signed, accepted);
    assertThat(accepted).isPositive();
    assertThat(documents).isGreaterThan(250);
    assertThat(failures).isEmpty();
  }

  private static byte[] replace(byte[] bytes, String from, String to) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
  }
}
