package dev.hookverify.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.HandlerViews;
import dev.hookverify.providers.Provider;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.OutgoingWebhook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header grammars of the developer-tools senders, fed item lists built from fuzzed parts:
 * CircleCI's versioned list ({@code v1=<hex>,v2=...}), Buildkite's {@code
 * timestamp=..,signature=..}, Mux's {@code t=..,v1=..} with repeated entries, and Cloudinary's
 * signature and timestamp pair, whose timestamp follows the body directly in what is hashed. Each
 * request mixes the genuine signature and timestamp with junk items, other versions, repeated keys,
 * stray separators and spaces, and a body that may have digits moved to or from its end.
 *
 * <p>Findings: any throwable other than {@link WebhookVerificationException}; time or allocation
 * past {@link Budget}; an acceptance of another body than the signed one, or of another timestamp
 * than the signed one; an acceptance whose body a handler's parsers read otherwise ({@link
 * HandlerViews#disagreement}).
 */
class DevToolsHeaderFuzzTest {
  private static final long NOW = 1_800_000_000L;
  private static final String URL = "https://receiver.example/hooks/in";
  private static final String SECRET = "fuzz-secret";
  private static final byte[] BODY =
      "{\"id\":\"evt_1\",\"type\":\"ping\",\"n\":10}".getBytes(StandardCharsets.UTF_8);

  /** One sender: its verifier, its genuine headers and the parts its grammar names. */
  private static final class Target {
    final Provider provider;
    final WebhookVerifier verifier;
    final Map<String, String> genuine;
    final String header;
    final String signatureKey;
    final String timestampKey;
    final String signature;

    Target(String name, String header, String signatureKey, String timestampKey) {
      this.provider = Providers.byName(name);
      this.verifier =
          provider
              .verifier(List.of(SECRET))
              .clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC))
              .build();
      this.genuine =
          provider
              .sender()
              .sign(
                  SECRET, OutgoingWebhook.builder(BODY).url(URL).id("msg_1").timestamp(NOW).build())
              .headers();
      this.header = header;
      this.signatureKey = signatureKey;
      this.timestampKey = timestampKey;
      String value = genuine.get(header);
      int at = signatureKey == null ? -1 : value.indexOf(signatureKey + "=");
      this.signature = at < 0 ? value : value.substring(at + signatureKey.length() + 1);
    }
  }

  private static final List<Target> TARGETS =
      List.of(
          new Target("circleci", "circleci-signature", "v1", null),
          new Target("buildkite", "X-Buildkite-Signature", "signature", "timestamp"),
          new Target("mux", "Mux-Signature", "v1", "t"),
          new Target("cloudinary", "X-Cld-Signature", null, null),
          new Target("cloudinary-sha256", "X-Cld-Signature", null, null));

  static {
    for (Target target : TARGETS) {
      try {
        target.verifier.verify(request(target.genuine, BODY));
      } catch (WebhookVerificationException e) {
        throw new AssertionError(target.provider.name() + " rejects its own fixture", e);
      }
    }
  }

  @FuzzTest(maxDuration = "5m")
  void header(FuzzedDataProvider data) {
    Target target = data.pickValue(TARGETS);
    String ts = Long.toString(NOW);
    Map<String, String> headers = new LinkedHashMap<>(target.genuine);
    if (target.signatureKey == null) {
      // Cloudinary: a bare signature and a timestamp header of their own.
      headers.put(target.header, value(data, target.signature, ts));
      headers.put("X-Cld-Timestamp", value(data, target.signature, ts));
    } else {
      List<String> keys = new ArrayList<>(List.of(target.signatureKey, "v0", "v2", "", "x"));
      if (target.timestampKey != null) {
        keys.add(target.timestampKey);
      }
      StringBuilder header = new StringBuilder();
      int items = data.consumeInt(0, 24);
      for (int i = 0; i < items; i++) {
        if (i > 0) {
          header.append(data.consumeBoolean() ? ',' : data.consumeChar());
        }
        if (data.consumeBoolean()) {
          header.append(' ');
        }
        header.append(data.pickValue(keys));
        header.append(data.consumeBoolean() ? '=' : data.consumeChar());
        header.append(value(data, target.signature, ts));
      }
      headers.put(target.header, header.toString());
    }
    byte[] body = body(data);
    Budget.Outcome outcome = Budget.verify(target.verifier, request(headers, body));
    if (outcome.verified == null) {
      return;
    }
    String name = target.provider.name();
    assertThat(body).as("%s accepted another body than it signed", name).isEqualTo(BODY);
    if (target.timestampKey != null || target.signatureKey == null) {
      assertThat(outcome.verified.timestamp())
          .as("%s accepted another timestamp than it signed", name)
          .contains(Instant.ofEpochSecond(NOW));
    }
    assertThat(HandlerViews.disagreement(target.provider, outcome.verified, body))
        .as("%s accepted a body its handler's parsers read otherwise", name)
        .isEmpty();
  }

  /** An item's value: the genuine signature or timestamp, either changed a little, or junk. */
  private static String value(FuzzedDataProvider data, String signature, String ts) {
    switch (data.consumeInt(0, 5)) {
      case 0:
        return signature;
      case 1:
        return ts;
      case 2:
        return data.consumeBoolean() ? signature.toUpperCase(java.util.Locale.ROOT) : " " + ts;
      case 3:
        return (data.consumeBoolean() ? "0" : Integer.toString(data.consumeInt(1, 9))) + ts;
      case 4:
        return signature.substring(0, data.consumeInt(0, signature.length()));
      default:
        return data.consumeString(80);
    }
  }

  /** The genuine body, or one with digits moved onto or off its end, or fuzzed bytes. */
  private static byte[] body(FuzzedDataProvider data) {
    switch (data.consumeInt(0, 3)) {
      case 0:
        return BODY;
      case 1:
        return (new String(BODY, StandardCharsets.UTF_8) + data.consumeInt(0, 99))
            .getBytes(StandardCharsets.UTF_8);
      case 2:
        return java.util.Arrays.copyOf(BODY, BODY.length - data.consumeInt(1, 3));
      default:
        return data.consumeBytes(200);
    }
  }

  private static WebhookRequest request(Map<String, String> headers, byte[] body) {
    WebhookRequest.Builder builder = WebhookRequest.builder().method("POST").uri(URL).body(body);
    headers.forEach(builder::header);
    return builder.build();
  }
}
