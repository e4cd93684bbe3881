package dev.hookverify.providers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.KeyRing;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rule 1 behind a proxy: the query of the request as received is always part of what the sender
 * signed, so a replayer cannot add parameters a servlet handler reads with getParameter (query
 * parameters come before form parameters) or change the ones it has. A public URL that carries a
 * query of its own, which would stand in for the received one, is refused at configuration.
 */
class PublicUrlQueryTest {
  @Test
  void twilio_publicUrlWithQuery_requestQueryChangedByReplayer_isRejected() throws Exception {
    WebhookSecret token = WebhookSecret.ofUtf8("twilio-auth-token");
    assertThatThrownBy(
            () -> ProviderOptions.builder().publicUrl("https://api.example.com/twilio/sms?a=1"))
        .isInstanceOf(IllegalArgumentException.class);
    String publicUrl = "https://api.example.com/twilio/sms";
    WebhookVerifier verifier =
        Twilio.builder(KeyRing.of(token), ProviderOptions.builder().publicUrl(publicUrl).build())
            .build();
    byte[] form = "From=%2B15550001111&Body=hello".getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers =
        Twilio.sign(token, publicUrl + "?account=acme", "application/x-www-form-urlencoded", form);

    // Genuine, as received behind the proxy: verifies.
    verifier.verify(request("http://app:8080/twilio/sms?account=acme", headers, form));

    // The replayer changes the query: account=victim, and a From that getParameter reads first.
    WebhookRequest replayed =
        request("http://app:8080/twilio/sms?account=victim&From=%2B15556660000", headers, form);
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
