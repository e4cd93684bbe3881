package dev.hookverify.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.internal.FormData;
import dev.hookverify.providers.HandlerViews;
import dev.hookverify.providers.MercadoPago;
import dev.hookverify.providers.Providers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mercado Pago's {@code x-signature} and manifest: fuzzed signature headers (accepting one is a
 * finding), and deliveries this harness signs itself, with its own model of the manifest, over a
 * fuzzed data id, request id, timestamp, query and body. Every accepted delivery must give the
 * handler ({@link MercadoPago#notification}) exactly the values a servlet container reads from the
 * query and the headers, those values must be what the signature covers, and no JSON parser may
 * read another {@code data.id} from the unsigned body. {@link Budget} fences time and allocation.
 */
class MercadoPagoManifestFuzzTest {
  private static final String SECRET = "mp-fuzz-secret";
  private static final WebhookVerifier VERIFIER =
      Providers.byName(MercadoPago.NAME)
          .verifier(List.of(SECRET))
          .clock(Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC))
          .build();

  static {
    // Loads (and, when fuzzing, instruments) the classes on the paths before the first timed input.
    try {
      String ts = "1800000000";
      Budget.verify(
          VERIFIER,
          WebhookRequest.builder()
              .uri("https://shop.example/mp?data.id=1")
              .header(
                  MercadoPago.SIGNATURE_HEADER, "ts=" + ts + ",v1=" + hmac(manifest("1", null, ts)))
              .body("{\"data\":{\"id\":\"1\"}}".getBytes(StandardCharsets.UTF_8))
              .build());
      for (HandlerViews.Parser parser : HandlerViews.Parser.values()) {
        HandlerViews.read(parser, "{}".getBytes(StandardCharsets.UTF_8));
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void verify(FuzzedDataProvider data) throws Exception {
    boolean signed = data.consumeBoolean();
    String query = ascii(data.consumeString(120));
    String requestId = data.consumeBoolean() ? data.consumeString(60) : null;
    String ts = data.consumeString(20);
    String header;
    if (signed) {
      String intended = data.consumeString(40);
      header = "ts=" + ts + ",v1=" + hmac(manifest(intended, requestId, ts));
    } else {
      header = data.consumeString(200);
    }
    byte[] body = data.consumeRemainingAsBytes();
    WebhookRequest.Builder builder =
        WebhookRequest.builder()
            .method("POST")
            .uri("https://shop.example/mp?" + query)
            .header(MercadoPago.SIGNATURE_HEADER, header)
            .body(body);
    if (requestId != null) {
      builder.header(MercadoPago.REQUEST_ID_HEADER, requestId);
    }
    Budget.Outcome outcome = Budget.verify(VERIFIER, builder.build());
    if (outcome.verified == null) {
      return;
    }
    assertThat(signed).as("a forged x-signature was accepted").isTrue();
    MercadoPago.Notification notification = MercadoPago.notification(outcome.verified);

    // The handler's values are the container's reading of the request...
    int fragment = query.indexOf('#');
    Map<String, List<String>> parameters =
        FormData.parseQuery(
                fragment < 0 ? query : query.substring(0, fragment), StandardCharsets.UTF_8)
            .orElseThrow(() -> new AssertionError("accepted a query containers cannot read"));
    List<String> ids = parameters.get(MercadoPago.DATA_ID_PARAMETER);
    Optional<String> containerId = ids == null ? Optional.empty() : Optional.of(lower(ids.get(0)));
    assertThat(ids == null || ids.size() == 1)
        .as("data.id read from a repeated parameter")
        .isTrue();
    assertThat(notification.dataId()).isEqualTo(containerId);
    assertThat(notification.requestId()).isEqualTo(Optional.ofNullable(requestId));
    // ... and exactly what the signature covers.
    assertThat(header)
        .isEqualTo(
            "ts=" + ts + ",v1=" + hmac(manifest(notification.dataId().orElse(""), requestId, ts)));
    // No parser reads another resource from the unsigned body.
    for (HandlerViews.Parser parser : HandlerViews.Parser.values()) {
      Object tree;
      try {
        tree = HandlerViews.read(parser, body);
      } catch (Exception refused) {
        continue;
      }
      Object id = HandlerViews.text(HandlerViews.at(tree, "data", "id"));
      if (id instanceof String) {
        assertThat(lower((String) id))
            .as(parser + " reads data.id")
            .isEqualTo(containerId.orElse(null));
      }
    }
  }

  /** The harness's own model: {@code id:..;request-id:..;ts:..;}, absent values left out. */
  private static String manifest(String dataId, String requestId, String ts) {
    return (dataId.isEmpty() ? "" : "id:" + lower(dataId) + ";")
        + (requestId == null ? "" : "request-id:" + requestId + ";")
        + "ts:"
        + ts
        + ";";
  }

  private static String hmac(String text) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String lower(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return out.toString();
  }

  /** A received URI is ASCII: other characters are replaced. */
  private static String ascii(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      out.append(c > 0x20 && c < 0x7f ? c : 'x');
    }
    return out.toString();
  }
}
