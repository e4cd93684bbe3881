package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import com.stripe.net.Webhook;
import com.twilio.security.RequestValidator;
import dev.hookverify.KeyRing;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The providers' official SDKs as oracles, in both directions: their signer then our verifier, our
 * signer then their verifier, over random bodies (empty, non-ASCII, CRLF, 64 KiB), secrets and
 * timestamps. Failures are collected and asserted once; the seed is in the message.
 */
class OfficialSdkOracleTest {
  private static final int ROUNDS = 40;
  private final RandomInputs random = new RandomInputs();
  private final List<String> failures = new ArrayList<>();

  private void check(boolean ok, String what) {
    if (!ok) {
      failures.add(what + " (seed " + RandomInputs.SEED + ")");
    }
  }

  @Test
  void stripeJava_signsWhatWeVerifyAndVerifiesWhatWeSign() throws Exception {
    for (int i = 0; i < ROUNDS; i++) {
      String secret = "whsec_" + random.secret();
      String body = random.body(i);
      long now = Instant.now().getEpochSecond();
      long ts = now - random.nextInt(290);
      WebhookVerifier ours = Stripe.verifier(WebhookSecret.ofUtf8(secret));

      String theirs = Webhook.Signature.generateSignatureHeader(body, secret, ts);
      check(
          reasonOf(ours, request(Map.of("Stripe-Signature", theirs), utf8(body))) == null,
          "stripe-java signed, we rejected, round " + i);

      String header =
          Stripe.sign(WebhookSecret.ofUtf8(secret), ts, utf8(body)).get("Stripe-Signature");
      check(
          Webhook.Signature.verifyHeader(body, header, secret, 300),
          "we signed, stripe-java rejected");
      String tampered = body + " ";
      check(
          reasonOf(ours, request(Map.of("Stripe-Signature", header), utf8(tampered))) != null,
          "we accepted a tampered stripe body");
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void standardWebhooksAndSvix_signWhatWeVerifyAndVerifyWhatWeSign() throws Exception {
    for (int i = 0; i < ROUNDS; i++) {
      String whsec =
          "whsec_" + Base64.getEncoder().encodeToString(random.bytes(24 + random.nextInt(40)));
      String body = random.body(i);
      String id = "msg_" + random.nextInt(1_000_000);
      long ts = Instant.now().getEpochSecond() - random.nextInt(200);

      // Standard Webhooks reference library.
      com.standardwebhooks.Webhook standard = new com.standardwebhooks.Webhook(whsec);
      String theirs = standard.sign(id, ts, body);
      Map<String, String> headers =
          Map.of(
              "webhook-id",
              id,
              "webhook-timestamp",
              Long.toString(ts),
              "webhook-signature",
              theirs);
      check(
          reasonOf(StandardWebhooks.verifier(whsec), request(headers, utf8(body))) == null,
          "standardwebhooks signed, we rejected, round " + i);
      Map<String, String> ours =
          StandardWebhooks.sign(StandardWebhooks.secret(whsec), id, ts, utf8(body));
      try {
        standard.verify(body, multi(ours));
      } catch (Exception e) {
        check(false, "we signed, standardwebhooks rejected: " + e.getMessage());
      }

      // Svix.
      com.svix.Webhook svix = new com.svix.Webhook(whsec);
      String svixSig = svix.sign(id, ts, body);
      Map<String, String> svixHeaders =
          Map.of("svix-id", id, "svix-timestamp", Long.toString(ts), "svix-signature", svixSig);
      check(
          reasonOf(Svix.verifier(whsec), request(svixHeaders, utf8(body))) == null,
          "svix signed, we rejected, round " + i);
      try {
        svix.verify(body, multi(Svix.sign(StandardWebhooks.secret(whsec), id, ts, utf8(body))));
      } catch (Exception e) {
        check(false, "we signed, svix rejected: " + e.getMessage());
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void slackSdk_signsWhatWeVerifyAndVerifiesWhatWeSign() {
    for (int i = 0; i < ROUNDS; i++) {
      String secret = random.secret();
      String body = random.body(i);
      long now = Instant.now().getEpochSecond();
      String ts = Long.toString(now - random.nextInt(200));
      SlackSignature.Generator generator = new SlackSignature.Generator(secret);
      String theirs = generator.generate(ts, body);
      WebhookVerifier ours = Slack.builder(KeyRing.of(WebhookSecret.ofUtf8(secret))).build();
      check(
          reasonOf(
                  ours,
                  request(
                      Map.of("X-Slack-Request-Timestamp", ts, "X-Slack-Signature", theirs),
                      utf8(body)))
              == null,
          "slack signed, we rejected, round " + i);
      Map<String, String> signed =
          Slack.sign(WebhookSecret.ofUtf8(secret), Long.parseLong(ts), utf8(body));
      check(
          new SlackSignature.Verifier(generator)
              .isValid(ts, body, signed.get("X-Slack-Signature"), now * 1000),
          "we signed, slack rejected");
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void twilioJava_formAndJsonBothDirections() throws Exception {
    for (int i = 0; i < ROUNDS; i++) {
      String token = random.secret();
      RequestValidator validator = new RequestValidator(token);
      String url =
          "https://example.com/twilio/" + random.nextInt(1000) + "?a=" + random.nextInt(9) + "&b=x";

      // Form: random parameters, including non-ASCII and reserved characters.
      Map<String, String> params = new TreeMap<>();
      int count = random.nextInt(6);
      for (int p = 0; p < count; p++) {
        params.put(
            "P" + random.nextInt(100) + random.text(3).replaceAll("[\\r\\n]", ""),
            random.text(random.nextInt(20)));
      }
      String form = formEncode(params);
      String theirs = sign(validator, url, params);
      Map<String, String> formHeaders =
          Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Twilio-Signature", theirs);
      WebhookVerifier ours = Twilio.verifier(WebhookSecret.ofUtf8(token));
      check(
          reasonOf(ours, request(url, formHeaders, utf8(form))) == null,
          "twilio-java signed form, we rejected, round " + i + ": " + params);
      String mine =
          Twilio.sign(
                  WebhookSecret.ofUtf8(token), url, "application/x-www-form-urlencoded", utf8(form))
              .get("X-Twilio-Signature");
      check(
          validator.validate(url, params, mine), "we signed form, twilio-java rejected: " + params);

      // JSON: the body is covered by bodySHA256 in the URL.
      String json =
          "{\"n\":"
              + random.nextInt(1000)
              + ",\"s\":\""
              + random.text(10).replaceAll("[\"\\\\\\r\\n\\t]", "")
              + "\"}";
      String jsonUrl = Twilio.withBodySha256(url, utf8(json));
      String jsonSig =
          Twilio.sign(WebhookSecret.ofUtf8(token), jsonUrl, "application/json", utf8(json))
              .get("X-Twilio-Signature");
      check(validator.validate(jsonUrl, json, jsonSig), "we signed json, twilio-java rejected");
      String theirJsonSig = sign(validator, jsonUrl, Map.of());
      check(
          reasonOf(
                  ours,
                  request(
                      jsonUrl,
                      Map.of(
                          "Content-Type", "application/json", "X-Twilio-Signature", theirJsonSig),
                      utf8(json)))
              == null,
          "twilio-java signed json url, we rejected");
    }
    assertThat(failures).isEmpty();
  }

  /** twilio-java has no public signer: its validator's own algorithm, recomputed here. */
  private static String sign(RequestValidator validator, String url, Map<String, String> params)
      throws Exception {
    java.lang.reflect.Method getSignature =
        RequestValidator.class.getDeclaredMethod("getValidationSignature", String.class, Map.class);
    getSignature.setAccessible(true);
    return (String) getSignature.invoke(validator, url, params);
  }

  private static String formEncode(Map<String, String> params) {
    StringBuilder out = new StringBuilder();
    params.forEach(
        (k, v) -> {
          if (out.length() > 0) {
            out.append('&');
          }
          out.append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8))
              .append('=')
              .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return out.toString();
  }

  private static Map<String, List<String>> multi(Map<String, String> headers) {
    Map<String, List<String>> out = new HashMap<>();
    headers.forEach((k, v) -> out.put(k, List.of(v)));
    return new LinkedHashMap<>(out);
  }
}
