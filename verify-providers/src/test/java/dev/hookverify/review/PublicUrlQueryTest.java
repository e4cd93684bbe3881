package dev.hookverify.review;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.KeyRing;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.ProviderOptions;
import dev.hookverify.providers.Twilio;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rule 1 with a public URL that has a query (ProviderOptions.signedUrl: "the public URL's own
 * query, if it has one, wins"): the query of the request as received is then not signed at all, so
 * a replayer can add parameters a servlet handler reads with getParameter (query parameters come
 * before form parameters), or change the ones it has, and the request still verifies.
 */
class PublicUrlQueryTest {
  @Test
  void twilio_publicUrlWithQuery_requestQueryChangedByReplayer_isRejected() throws Exception {
    WebhookSecret token = WebhookSecret.ofUtf8("twilio-auth-token");
    String publicUrl = "https://api.example.com/twilio/sms?account=acme";
    WebhookVerifier verifier =
        Twilio.builder(
                KeyRing.of(token), ProviderOptions.builder().publicUrl(publicUrl).build())
            .build();
    byte[] form = "From=%2B15550001111&Body=hello".getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers =
        Twilio.sign(token, publicUrl, "application/x-www-form-urlencoded", form);

    // Genuine, as received behind the proxy: verifies.
    verifier.verify(request("http://app:8080/twilio/sms?account=acme", headers, form));

    // The replayer changes the query: account=victim, and a From that getParameter reads first.
    WebhookRequest replayed =
        request(
            "http://app:8080/twilio/sms?account=victim&From=%2B15556660000", headers, form);
    assertThatThrownBy(() -> verifier.verify(replayed))
        .as("a query the sender never signed")
        .isInstanceOf(WebhookVerificationException.class);
  }

  private static WebhookRequest request(String uri, Map<String, String> headers, byte[] body) {
    WebhookRequest.Builder b = WebhookRequest.builder().method("POST").uri(uri).body(body);
    headers.forEach(b::header);
    b.header("Content-Type", "application/x-www-form-urlencoded");
    return b.build();
  }
}
