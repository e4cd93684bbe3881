package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.TestKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link VerifiedWebhook#isQueryAuthentic()} for every registered sender, checked against what the
 * verifier does: where a replayer's change to the query still verifies under a signature, the query
 * must not be reported authentic (a servlet's {@code getParameter} would then read the replayer's
 * values); where the change is rejected, or the proof is a token, it must be.
 */
class QueryCoverageTest {
  private static final long NOW = 1_800_000_000L;
  private static final String URL = "https://receiver.example/hooks/in?tenant=a";
  private static final String CHANGED = "https://receiver.example/hooks/in?tenant=evil";
  private static final byte[] JSON =
      utf8(
          "{\"id\":\"evt_1\",\"event_id\":\"Ev1\",\"type\":\"paid\",\"amount\":1200,"
              + "\"webhookTimestamp\":1800000000000}");
  private static final byte[] FORM = utf8("CallSid=CA1&From=%2B15551234567&To=%2B15557654321");

  @Test
  void isQueryAuthentic_agreesWithWhetherAChangedQueryStillVerifies() throws Exception {
    List<String> wrong = new ArrayList<>();
    List<String> signed = new ArrayList<>();
    for (Provider provider : Providers.all()) {
      if (!provider.signsInHeaders()) {
        continue; // Mailgun and Adyen sign inside the body; checked below with their own bodies
      }
      TestKeys keys = provider.sender().newTestKeys();
      boolean form = ReplayTest.isForm(provider);
      byte[] body = form ? FORM : JSON;
      Map<String, String> headers =
          provider
              .sender()
              .sign(
                  keys.signingKey(),
                  OutgoingWebhook.builder(body)
                      .timestamp(NOW)
                      .id("msg_2Ld4b1")
                      .url(URL)
                      .contentType(form ? "application/x-www-form-urlencoded" : "application/json")
                      .build())
              .headers();
      WebhookVerifier verifier =
          provider.verifier(List.of(keys.verificationKey())).clock(at(NOW)).build();
      VerifiedWebhook genuine = verifier.verify(request(URL, headers, body));
      boolean changeVerifies = reasonOf(verifier, request(CHANGED, headers, body)) == null;
      boolean expected = !genuine.proof().signsContent() || !changeVerifies;
      if (genuine.isQueryAuthentic() != expected) {
        wrong.add(provider.name() + ": reported " + genuine.isQueryAuthentic());
      }
      if (genuine.proof().signsContent() && !changeVerifies) {
        signed.add(provider.name());
      }
    }
    assertThat(wrong).isEmpty();
    // The senders that sign the URL: if this list shrinks, a URL part lost its coverage mark.
    assertThat(signed).contains(Twilio.NAME, "square", "hubspot", Plivo.NAME);
  }

  @Test
  void isQueryAuthentic_publicUrlOption_stillCoversTheReceivedQuery() throws Exception {
    TestKeys keys = Providers.byName(Twilio.NAME).sender().newTestKeys();
    String publicUrl = "https://public.example/hooks/in";
    Map<String, String> headers =
        Providers.byName(Twilio.NAME)
            .sender()
            .sign(
                keys.signingKey(),
                OutgoingWebhook.builder(FORM)
                    .url(publicUrl + "?tenant=a")
                    .contentType("application/x-www-form-urlencoded")
                    .build())
            .headers();
    WebhookVerifier verifier =
        Providers.byName(Twilio.NAME)
            .verifier(
                List.of(keys.verificationKey()),
                ProviderOptions.builder().publicUrl(publicUrl).build())
            .build();

    VerifiedWebhook webhook = verifier.verify(request("http://10.0.0.5/x?tenant=a", headers, FORM));

    assertThat(webhook.isQueryAuthentic()).isTrue();
    assertThat(reasonOf(verifier, request("http://10.0.0.5/x?tenant=evil", headers, FORM)))
        .isNotNull();
  }
}
