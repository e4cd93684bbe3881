package dev.hookverify.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hookverify.Authenticator;
import dev.hookverify.DeliveryIdSource;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.Signing;
import dev.hookverify.TenantKeys;
import dev.hookverify.TenantResolver;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.TokenAuthenticator;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

/**
 * Every header layout core parses, fed fuzzed headers and bodies. The only outcomes allowed are a
 * {@link WebhookVerificationException} and, when the fuzzer chose to sign genuinely, a {@code
 * VerifiedWebhook}; Jazzer reports any other throwable, the assertions below an accepted forgery,
 * and {@link Budget} a hang, unbounded allocation or an outcome that changes when repeated. A
 * genuine signature in its canonical form must be accepted, so the oracle can fail both ways. The
 * URI is fuzzed too: two layouts find their tenant in it, and one signs it.
 *
 * <p>Regression mode (every {@code mvn verify}) replays {@code CoreVerifierFuzzTestInputs/}; {@code
 * JAZZER_FUZZ=1} fuzzes (see docs/security.md).
 */
class CoreVerifierFuzzTest {
  private static final long NOW = 1_800_000_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  private static final byte[] KEY = Signing.utf8("fuzz-secret-0123456789");
  private static final WebhookSecret SECRET = WebhookSecret.ofBytes(KEY);

  /** One sender convention: its verifier, and how a genuine header for it is written. */
  private enum Layout {
    /** Stripe-like: {@code t=<ts>,v1=<hex>} over {@code ts.body}. */
    TIMESTAMPED_LIST {
      @Override
      WebhookVerifier.Builder verifier() {
        return hmac(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(
                    SignatureHeader.builder("Sig").list(',', '=', "v1").timestampKey("t").build())
                .signedContent(SignedContent.builder().timestamp().literal(".").body().build()));
      }

      @Override
      String genuine(String timestamp, String uri, byte[] body) {
        return "t=" + timestamp + ",v1=" + Signing.hex(mac(timestamp + ".", body));
      }
    },
    /** Standard Webhooks-like: {@code v1,<base64>} items, id and timestamp in their own headers. */
    SPACE_SEPARATED_BASE64 {
      @Override
      WebhookVerifier.Builder verifier() {
        return hmac(HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(
                    SignatureHeader.builder("Sig")
                        .list(' ', ',', "v1")
                        .encoding(SignatureEncoding.BASE64)
                        .build())
                .timestampHeader("Ts")
                .signedContent(
                    SignedContent.builder()
                        .header("Id")
                        .literal(".")
                        .timestamp()
                        .literal(".")
                        .body()
                        .build()))
            .deliveryId(DeliveryIdSource.header("Id"));
      }

      @Override
      String genuine(String timestamp, String uri, byte[] body) {
        return "v1," + Signing.base64(mac(ID + "." + timestamp + ".", body));
      }
    },
    /** GitHub-like: {@code sha256=<hex>} over the body, no timestamp. */
    PREFIXED_HEX {
      @Override
      WebhookVerifier.Builder verifier() {
        return hmac(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(SignatureHeader.builder("Sig").prefix("sha256=").build())
                .signedContent(SignedContent.body()));
      }

      @Override
      String genuine(String timestamp, String uri, byte[] body) {
        return "sha256=" + Signing.hex(mac("", body));
      }
    },
    /** MightyCall-like: hex or base64 told apart by length; millisecond timestamp header. */
    HEX_OR_BASE64_MILLIS {
      @Override
      WebhookVerifier.Builder verifier() {
        return hmac(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(
                    SignatureHeader.builder("Sig")
                        .encoding(SignatureEncoding.HEX_OR_BASE64)
                        .build())
                .timestampHeader("Ts")
                .timestampPolicy(
                    TimestampPolicy.milliseconds(Duration.ofMinutes(5), Duration.ofMinutes(5)))
                .signedContent(SignedContent.builder().timestamp().body().build()));
      }

      @Override
      String genuine(String timestamp, String uri, byte[] body) {
        return Signing.base64(mac(timestamp, body));
      }
    },
    /** Base64url over an RFC 3339 timestamp header, HMAC-SHA512. */
    BASE64URL_RFC3339 {
      @Override
      WebhookVerifier.Builder verifier() {
        return hmac(
            HmacAuthenticator.builder(HmacAlgorithm.SHA512)
                .signatureHeader(
                    SignatureHeader.builder("Sig").encoding(SignatureEncoding.BASE64URL).build())
                .timestampHeader("Ts")
                .timestampPolicy(
                    TimestampPolicy.rfc3339(Duration.ofMinutes(5), Duration.ofMinutes(5)))
                .signedContent(SignedContent.builder().timestamp().literal(":").body().build()));
      }

      @Override
      String genuine(String timestamp, String uri, byte[] body) {
        byte[] tag = Signing.hmac(HmacAlgorithm.SHA512, KEY, Signing.utf8(timestamp + ":"), body);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
      }
    },
    /** Per-tenant keys found by a JSON field of the unverified body. */
    TENANT_JSON_FIELD {
      @Override
      WebhookVerifier.Builder verifier() {
        return verifying(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(SignatureHeader.builder("Sig").build())
                .signedContent(SignedContent.body())
                .tenantKeys(
                    TenantResolver.jsonField("org.id"),
                    TenantKeys.of(Map.of("acme", KeyRing.of(SECRET))))
                .build());
      }

      @Override
      String genuine(String timestamp, String uri, byte[] body) {
        return Signing.hex(mac("", body));
      }
    },
    /** Per-tenant tokens in a named header, the tenant from a query parameter of the URI. */
    TENANT_QUERY_TOKEN {
      @Override
      WebhookVerifier.Builder verifier() {
        return verifying(
            TokenAuthenticator.header("Sig")
                .tenantKeys(
                    TenantResolver.queryParameter("org"),
                    TenantKeys.of(Map.of("acme", KeyRing.of(SECRET))))
                .build());
      }

      @Override
      String genuine(String timestamp, String uri, byte[] body) {
        return new String(KEY, java.nio.charset.StandardCharsets.UTF_8);
      }
    },
    /** Per-tenant keys from a path segment; the HMAC covers method, URI and body (HubSpot v3). */
    TENANT_PATH_SIGNED_URI {
      @Override
      WebhookVerifier.Builder verifier() {
        return verifying(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(
                    SignatureHeader.builder("Sig").encoding(SignatureEncoding.BASE64).build())
                .signedContent(SignedContent.builder().method().uri().body().build())
                .tenantKeys(
                    TenantResolver.pathSegment(1),
                    TenantKeys.of(Map.of("acme", KeyRing.of(SECRET))))
                .build());
      }

      @Override
      String genuine(String timestamp, String uri, byte[] body) {
        return Signing.base64(mac("POST" + uri, body));
      }
    },
    /** A bearer token in Authorization. */
    BEARER {
      @Override
      WebhookVerifier.Builder verifier() {
        return verifying(TokenAuthenticator.bearer().secret(SECRET).build());
      }

      @Override
      String headerName() {
        return "Authorization";
      }

      @Override
      String genuine(String timestamp, String uri, byte[] body) {
        return "Bearer " + new String(KEY, java.nio.charset.StandardCharsets.UTF_8);
      }
    };

    static final String ID = "msg_fuzz";
    static final String URI = "https://receiver.example/hooks/acme?org=acme";
    static final int MAX_BODY = 4096;

    final WebhookVerifier verifier = verifier().build();

    abstract WebhookVerifier.Builder verifier();

    /** The header a genuine sender writes for {@code body} at {@code timestamp}. */
    abstract String genuine(String timestamp, String uri, byte[] body);

    String headerName() {
      return "Sig";
    }

    static WebhookVerifier.Builder hmac(HmacAuthenticator.Builder authenticator) {
      return verifying(authenticator.secret(SECRET).build());
    }

    /** A verifier of {@code authenticator} on the fixed clock, with the fuzzed body's limit. */
    static WebhookVerifier.Builder verifying(Authenticator authenticator) {
      return WebhookVerifier.builder("fuzz")
          .clock(CLOCK)
          .maxBodyBytes(MAX_BODY)
          .authenticator(authenticator);
    }

    static byte[] mac(String prefix, byte[] body) {
      return Signing.hmac(HmacAlgorithm.SHA256, KEY, Signing.utf8(prefix), body);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void verify(FuzzedDataProvider data) {
    Layout layout = data.pickValue(Layout.values());
    boolean genuine = data.consumeBoolean();
    boolean canonical = genuine && data.consumeBoolean();
    String timestamp = data.consumeBoolean() ? timestampFor(layout) : data.consumeString(40);
    String extraBefore = canonical ? "" : data.consumeString(64);
    String extraAfter = canonical ? "" : data.consumeString(64);
    String tsHeader = data.consumeBoolean() ? timestamp : data.consumeString(40);
    if (canonical) {
      tsHeader = timestamp;
    }
    String uri = canonical || data.consumeBoolean() ? Layout.URI : data.consumeString(200);
    byte[] body = data.consumeBytes(Layout.MAX_BODY + 16);
    String signature = genuine ? layout.genuine(timestamp, uri, body) : data.consumeString(256);

    WebhookRequest.Builder request =
        WebhookRequest.builder()
            .method("POST")
            .uri(uri)
            .header(layout.headerName(), extraBefore + signature + extraAfter)
            .header("Ts", tsHeader)
            .header("Id", Layout.ID)
            .body(body);
    if (!canonical && data.consumeBoolean()) {
      request.header(data.consumeString(16), data.consumeString(64));
    }

    Budget.Outcome outcome = Budget.verify(layout.verifier, request.build());
    if (outcome.verified == null) {
      if (canonical && timestamp.equals(timestampFor(layout)) && accepts(layout, body)) {
        throw new AssertionError(
            layout + " rejected a canonical genuine delivery", outcome.rejection);
      }
      return;
    }
    assertThat(genuine).as("%s accepted a delivery the fuzzer did not sign", layout).isTrue();
    assertThat(outcome.verified.body()).isEqualTo(body);
  }

  private static String timestampFor(Layout layout) {
    switch (layout) {
      case HEX_OR_BASE64_MILLIS:
        return Long.toString(NOW * 1000);
      case BASE64URL_RFC3339:
        return Instant.ofEpochSecond(NOW).toString();
      default:
        return Long.toString(NOW);
    }
  }

  /** Whether a canonical genuine delivery of {@code body} must be accepted by {@code layout}. */
  private static boolean accepts(Layout layout, byte[] body) {
    if (body.length > Layout.MAX_BODY) {
      return false;
    }
    if (layout == Layout.TENANT_JSON_FIELD) {
      // The tenant must be found in the body; the fuzzer rarely writes {"org":{"id":"acme"}}.
      return new String(body, java.nio.charset.StandardCharsets.ISO_8859_1)
          .equals("{\"org\":{\"id\":\"acme\"}}");
    }
    return true;
  }
}
