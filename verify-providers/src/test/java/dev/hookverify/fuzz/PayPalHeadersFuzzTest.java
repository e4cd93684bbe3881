package dev.hookverify.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.PayPal;
import dev.hookverify.providers.Provider;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * PayPal's header set: a genuine delivery whose five headers are each replaced, repeated, dropped
 * or re-cased with fuzzed text, and whose body is fuzzed. Any throwable but a rejection, or runaway
 * time or memory, is a finding; so is an acceptance whose signed values (transmission id and time,
 * the body's CRC-32) differ from the genuine ones, or whose certificate URL or algorithm is not
 * PayPal's.
 */
class PayPalHeadersFuzzTest {
  private static final long NOW = 1_800_000_000L;
  private static final byte[] BODY =
      "{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.SALE.COMPLETED\"}"
          .getBytes(StandardCharsets.UTF_8);
  private static final Provider PAYPAL = Providers.byName(PayPal.NAME);
  private static final TestKeys KEYS = PAYPAL.sender().newTestKeys();
  private static final WebhookVerifier VERIFIER =
      PAYPAL
          .verifier(List.of(KEYS.verificationKey()))
          .clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC))
          .build();
  private static final Map<String, String> GENUINE =
      PAYPAL
          .sender()
          .sign(KEYS.signingKey(), OutgoingWebhook.builder(BODY).timestamp(NOW).id("d-1").build())
          .headers();

  @FuzzTest(maxDuration = "5m")
  void verify(FuzzedDataProvider data) {
    List<String[]> headers = new ArrayList<>();
    GENUINE.forEach((name, value) -> headers.add(new String[] {name, value}));
    int edits = data.consumeInt(0, 4);
    for (int i = 0; i < edits; i++) {
      int at = data.consumeInt(0, headers.size() - 1);
      String[] header = headers.get(at);
      switch (data.consumeInt(0, 4)) {
        case 0:
          headers.set(at, new String[] {header[0], data.consumeString(300)});
          break;
        case 1:
          headers.add(new String[] {header[0], data.consumeString(300)});
          break;
        case 2:
          headers.remove(at);
          if (headers.isEmpty()) {
            headers.add(new String[] {"X", "y"});
          }
          break;
        case 3:
          headers.set(at, new String[] {header[0].toLowerCase(java.util.Locale.ROOT), header[1]});
          break;
        default:
          headers.set(at, new String[] {header[0], header[1] + data.consumeString(20)});
      }
    }
    byte[] body = data.consumeBoolean() ? BODY : data.consumeRemainingAsBytes();
    WebhookRequest.Builder request =
        WebhookRequest.builder().uri("https://r.example/paypal").body(body);
    for (String[] header : headers) {
      request.header(header[0], header[1]);
    }
    Budget.Outcome outcome = Budget.verify(VERIFIER, request.build());
    if (outcome.verified == null) {
      return;
    }
    Map<String, String> sent = new LinkedHashMap<>();
    for (String[] header : headers) {
      sent.put(header[0].toUpperCase(java.util.Locale.ROOT), header[1]);
    }
    assertThat(sent.get(PayPal.TRANSMISSION_ID_HEADER))
        .isEqualTo(GENUINE.get(PayPal.TRANSMISSION_ID_HEADER));
    assertThat(sent.get(PayPal.TRANSMISSION_TIME_HEADER))
        .isEqualTo(GENUINE.get(PayPal.TRANSMISSION_TIME_HEADER));
    assertThat(sent.get(PayPal.AUTH_ALGO_HEADER)).isEqualTo(PayPal.ALGORITHM);
    assertThat(PayPal.CERTIFICATE_URLS.allows(sent.get(PayPal.CERT_URL_HEADER))).isTrue();
    assertThat(crc(body)).isEqualTo(crc(BODY));
    assertThat(outcome.verified.deliveryId()).contains(GENUINE.get(PayPal.TRANSMISSION_ID_HEADER));
  }

  private static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }
}
