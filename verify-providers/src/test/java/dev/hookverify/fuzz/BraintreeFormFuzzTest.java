package dev.hookverify.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.internal.FormData;
import dev.hookverify.providers.Braintree;
import dev.hookverify.providers.Provider;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.OutgoingWebhook;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Braintree's form ({@code bt_signature} pair lists and {@code bt_payload}), fed in three shapes: a
 * fuzzed form (accepting one is a finding); the genuine fields inside a fuzzed form, with fuzzed
 * other pairs in the signature list and fuzzed items around them; and the genuine form with fuzzed
 * bytes spliced in. Every accepted input must give the handler exactly the XML that was signed, and
 * core's {@link FormData}, which reads forms as servlet containers do, must read one {@code
 * bt_signature} and one {@code bt_payload} that decodes to that XML: what is verified is what the
 * handler and its container read. {@link Budget} fences time and allocation.
 */
class BraintreeFormFuzzTest {
  private static final String KEY = "fuzz_public_key:fuzz_private_key";
  private static final byte[] XML =
      "<notification><kind>check</kind><subject/></notification>".getBytes(StandardCharsets.UTF_8);
  private static final Provider BRAINTREE = Providers.byName(Braintree.NAME);
  private static final WebhookVerifier VERIFIER =
      BRAINTREE.verifier(List.of(KEY, "other_public_key:other_private_key")).build();
  private static final byte[] GENUINE =
      BRAINTREE.sender().sign(KEY, OutgoingWebhook.builder(XML).build()).body();
  private static final String SIGNATURE;
  private static final String PAYLOAD;

  static {
    Map<String, List<String>> form = FormData.parse(GENUINE, StandardCharsets.UTF_8).orElseThrow();
    SIGNATURE = form.get(Braintree.SIGNATURE_FIELD).get(0);
    PAYLOAD = form.get(Braintree.PAYLOAD_FIELD).get(0);
    // Loads (and, when fuzzing, instruments) the classes on the paths before the first timed input.
    Budget.verify(VERIFIER, request(GENUINE));
    Budget.verify(
        VERIFIER, request("bt_signature=x&bt_payload=%zz".getBytes(StandardCharsets.UTF_8)));
  }

  @FuzzTest(maxDuration = "5m")
  void verify(FuzzedDataProvider data) {
    int shape = data.consumeInt(0, 2);
    byte[] body;
    switch (shape) {
      case 0:
        body = data.consumeRemainingAsBytes();
        break;
      case 1:
        String prefix = data.consumeString(80);
        String otherPairs = data.consumeString(120);
        String middle = data.consumeString(80);
        String suffix = data.consumeRemainingAsString();
        body =
            (prefix
                    + "&bt_signature="
                    + encode(otherPairs + "&" + SIGNATURE)
                    + "&"
                    + middle
                    + "&bt_payload="
                    + encode(PAYLOAD)
                    + suffix)
                .getBytes(StandardCharsets.UTF_8);
        break;
      default:
        int at = data.consumeInt(0, GENUINE.length);
        byte[] spliced = data.consumeRemainingAsBytes();
        body = new byte[GENUINE.length + spliced.length];
        System.arraycopy(GENUINE, 0, body, 0, at);
        System.arraycopy(spliced, 0, body, at, spliced.length);
        System.arraycopy(GENUINE, at, body, at + spliced.length, GENUINE.length - at);
    }
    Budget.Outcome outcome = Budget.verify(VERIFIER, request(body));
    if (outcome.verified == null) {
      return;
    }
    assertThat(shape).as("a forged form was accepted").isNotZero();
    assertThat(Braintree.notificationXml(outcome.verified))
        .as("the handler reads other XML than was signed")
        .isEqualTo(XML);
    Map<String, List<String>> form =
        FormData.parse(body, StandardCharsets.UTF_8)
            .orElseThrow(() -> new AssertionError("accepted a form containers cannot read"));
    assertThat(form.get(Braintree.SIGNATURE_FIELD)).hasSize(1);
    assertThat(form.get(Braintree.PAYLOAD_FIELD)).hasSize(1);
    assertThat(Base64.getMimeDecoder().decode(form.get(Braintree.PAYLOAD_FIELD).get(0)))
        .as("a container reads another payload than was verified")
        .isEqualTo(XML);
  }

  private static WebhookRequest request(byte[] body) {
    return WebhookRequest.builder()
        .method("POST")
        .uri("https://shop.example/braintree")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .build();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
