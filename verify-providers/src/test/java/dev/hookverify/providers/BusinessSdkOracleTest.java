package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.box.sdkgen.internal.utils.UtilsManager;
import com.box.sdkgen.managers.webhooks.WebhooksManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.intuit.ipp.services.WebhooksService;
import com.intuit.ipp.util.Config;
import com.workos.webhooks.Webhook;
import dev.hookverify.KeyRing;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The business senders' official Java SDKs as oracles, in both directions, over random bodies
 * (empty, non-ASCII, CRLF, 64 KiB), secrets and timestamps: Box's {@code box-java-sdk} (the
 * generated {@code com.box.sdkgen} line whose test holds the official vectors), WorkOS's {@code
 * com.workos:workos} and Intuit's {@code ipp-v3-java-devkit}. Failures are collected and asserted
 * once; the seed is in the message.
 */
class BusinessSdkOracleTest {
  private static final int ROUNDS = 40;
  private final RandomInputs random = new RandomInputs();
  private final List<String> failures = new ArrayList<>();

  private void check(boolean ok, String what) {
    if (!ok) {
      failures.add(what + " (seed " + RandomInputs.SEED + ")");
    }
  }

  @Test
  void boxJavaSdk_signsWhatWeVerifyAndVerifiesWhatWeSign() {
    for (int i = 0; i < ROUNDS; i++) {
      String primary = random.secret();
      String secondary = random.secret();
      String body = random.body(i);
      String ts = Box.timestamp(Instant.now().getEpochSecond() - random.nextInt(500));
      WebhookVerifier ours =
          Box.builder(
                  KeyRing.builder()
                      .add("primary", WebhookSecret.ofUtf8(primary))
                      .add("secondary", WebhookSecret.ofUtf8(secondary))
                      .build())
              .build();

      Map<String, String> theirs = new HashMap<>();
      theirs.put(Box.TIMESTAMP_HEADER, ts);
      theirs.put(Box.VERSION_HEADER, "1");
      theirs.put(Box.ALGORITHM_HEADER, "HmacSHA256");
      theirs.put(
          Box.PRIMARY_SIGNATURE_HEADER,
          UtilsManager.computeWebhookSignature(body, theirs, primary, false));
      theirs.put(
          Box.SECONDARY_SIGNATURE_HEADER,
          UtilsManager.computeWebhookSignature(body, theirs, secondary, false));
      check(
          reasonOf(ours, request(theirs, utf8(body))) == null,
          "box-java-sdk signed, we rejected, round " + i);

      Map<String, String> signed =
          Box.sign(WebhookSecret.ofUtf8(primary), WebhookSecret.ofUtf8(secondary), ts, utf8(body));
      check(
          WebhooksManager.validateMessage(body, new HashMap<>(signed), primary, secondary, 600),
          "we signed, box-java-sdk rejected, round " + i);
      Map<String, String> primaryOnly = Box.sign(WebhookSecret.ofUtf8(primary), ts, utf8(body));
      check(
          WebhooksManager.validateMessage(
              body, new HashMap<>(primaryOnly), primary, secondary, 600),
          "we signed with the primary key only, box-java-sdk rejected, round " + i);
      check(
          reasonOf(ours, request(signed, utf8(body + " "))) != null,
          "we accepted a tampered box body");
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void workosJava_signsWhatWeVerifyAndVerifiesWhatWeSign() throws Exception {
    Webhook workos = new Webhook(new ObjectMapper());
    for (int i = 0; i < ROUNDS; i++) {
      String secret = random.secret();
      String body = random.body(i);
      long ts = Instant.now().toEpochMilli() - random.nextInt(170_000);
      WebhookVerifier ours = WorkOS.verifier(WebhookSecret.ofUtf8(secret));

      String hex = workos.createSignature(Long.toString(ts), body, secret);
      check(
          reasonOf(
                  ours,
                  request(Map.of(WorkOS.SIGNATURE_HEADER, "t=" + ts + ", v1=" + hex), utf8(body)))
              == null,
          "workos signed, we rejected, round " + i);

      String header =
          WorkOS.sign(WebhookSecret.ofUtf8(secret), ts, utf8(body)).get(WorkOS.SIGNATURE_HEADER);
      try {
        workos.verifyHeader(body, header, secret, Webhook.DEFAULT_TOLERANCE_MILLIS);
      } catch (java.security.SignatureException e) {
        check(false, "we signed, workos rejected: " + e.getMessage());
      }
      check(
          reasonOf(ours, request(Map.of(WorkOS.SIGNATURE_HEADER, header), utf8(body + " ")))
              != null,
          "we accepted a tampered workos body");
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void intuitDevkit_signsWhatWeVerifyAndVerifiesWhatWeSign() {
    String previous = Config.getProperty(Config.WEBHOOKS_VERIFIER_TOKEN);
    try {
      for (int i = 0; i < ROUNDS; i++) {
        // The devkit reads the token through commons-configuration, which splits a value at ','
        // and interpolates '${...}' and '\\': such tokens cannot be configured there at all.
        String token = random.secret().replaceAll("[,$\\\\]", "x");
        String body = random.body(i);
        Config.setProperty(Config.WEBHOOKS_VERIFIER_TOKEN, token);
        WebhooksService intuit = new WebhooksService();
        WebhookVerifier ours = QuickBooks.verifier(WebhookSecret.ofUtf8(token));

        String signature =
            QuickBooks.sign(WebhookSecret.ofUtf8(token), utf8(body))
                .get(QuickBooks.SIGNATURE_HEADER);
        check(intuit.verifyPayload(signature, body), "we signed, the devkit rejected, round " + i);
        // The devkit has no signer; its verifier accepts exactly one signature per body, ours.
        check(
            !intuit.verifyPayload(signature, body + " "),
            "the devkit accepted our signature over another body");
        check(
            reasonOf(ours, request(Map.of(QuickBooks.SIGNATURE_HEADER, signature), utf8(body)))
                == null,
            "we rejected our own signature, round " + i);
      }
    } finally {
      Config.setProperty(Config.WEBHOOKS_VERIFIER_TOKEN, previous == null ? "" : previous);
    }
    assertThat(failures).isEmpty();
  }
}
