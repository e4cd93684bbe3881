package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.IdempotentVerifier;
import dev.hookverify.KeyRing;
import dev.hookverify.Proof;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * HubSpot beyond its vectors: where the v3 signed string's parts meet (a body on a GET, a zero
 * moved into the timestamp), the legacy v1/v2 hashes as the forgeable proof they are, and replays
 * through {@link IdempotentVerifier}.
 */
class HubSpotTest {
  private static final String SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
  private static final long NOW_MILLIS = 1_700_000_000_000L;
  private static final String URI = "https://www.example.com/webhook_uri";
  private static final String EVENTS =
      "[{\"eventId\":1,\"subscriptionId\":12345,\"portalId\":62515,\"occurredAt\":1564113600000,"
          + "\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0,\"objectId\":123,"
          + "\"changeSource\":\"CRM\",\"changeFlag\":\"NEW\",\"appId\":54321}]";

  private final WebhookVerifier v3 =
      HubSpot.builder(KeyRing.of(WebhookSecret.ofUtf8(SECRET)))
          .clock(at(NOW_MILLIS / 1000))
          .build();
  private final WebhookVerifier legacy =
      HubSpot.builderAcceptingForgeableLegacySignatures(
              KeyRing.of(WebhookSecret.ofUtf8(SECRET)), SECRET)
          .clock(at(NOW_MILLIS / 1000))
          .build();

  private static Map<String, String> v3Headers(String method, String uri, String body) {
    return HubSpot.sign(WebhookSecret.ofUtf8(SECRET), method, uri, NOW_MILLIS, utf8(body));
  }

  private static WebhookRequest request(
      String method, String uri, Map<String, String> headers, byte[] body) {
    WebhookRequest.Builder builder = WebhookRequest.builder().method(method).uri(uri).body(body);
    headers.forEach(builder::header);
    return builder.build();
  }

  private static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> out = new LinkedHashMap<>(headers);
    out.put(name, value);
    return out;
  }

  private static Map<String, String> without(Map<String, String> headers, String... names) {
    Map<String, String> out = new LinkedHashMap<>(headers);
    for (String name : names) {
      out.remove(name);
    }
    return out;
  }

  /** HubSpot's v1 signature: hex SHA-256 of the client secret followed by the body. */
  private static String v1(byte[] body) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    digest.update(utf8(SECRET));
    return HexFormat.of().formatHex(digest.digest(body));
  }

  /**
   * A v3 delivery of HubSpot's CRM webhook events, carrying the v1 signature too, as HubSpot does.
   */
  private static Map<String, String> deliveryHeaders() throws Exception {
    return with(
        with(v3Headers("POST", URI, EVENTS), "X-HubSpot-Signature", v1(utf8(EVENTS))),
        "X-HubSpot-Signature-Version",
        "v1");
  }

  // v3: one way to split the signed string (issue 9, finding 10).

  @Test
  void verify_v3SignedGet_tailOfTheQueryMovedIntoTheBody_rejected() throws Exception {
    String uri = URI + "?portalId=62515&objectId=123";
    Map<String, String> headers = v3Headers("GET", uri, "");
    assertThat(reasonOf(v3, request("GET", uri, headers, new byte[0]))).isNull();
    WebhookRequest moved = request("GET", URI + "?portalId=62515&objectId=12", headers, utf8("3"));
    assertThat(reasonOf(v3, moved)).isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_v3BodyOnMethodsWithoutOne_rejected() throws Exception {
    for (String method : new String[] {"GET", "HEAD", "DELETE", "OPTIONS"}) {
      Map<String, String> headers = v3Headers(method, URI + "?a=1", "");
      assertThat(reasonOf(v3, request(method, URI + "?a=", headers, utf8("1"))))
          .as(method)
          .isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
    for (String method : new String[] {"POST", "PUT", "PATCH"}) {
      assertThat(reasonOf(v3, request(method, URI, v3Headers(method, URI, EVENTS), utf8(EVENTS))))
          .as(method)
          .isNull();
    }
  }

  @Test
  void verify_v3TrailingZeroOfTheUriMovedIntoTheTimestamp_rejected() throws Exception {
    String uri = URI + "?offset=10";
    Map<String, String> headers = v3Headers("GET", uri, "");
    assertThat(reasonOf(v3, request("GET", uri, headers, new byte[0]))).isNull();
    WebhookRequest moved =
        request(
            "GET",
            URI + "?offset=1",
            with(headers, "X-HubSpot-Request-Timestamp", "0" + NOW_MILLIS),
            new byte[0]);
    assertThat(reasonOf(v3, moved)).isEqualTo(Reason.MALFORMED_TIMESTAMP);
  }

  /**
   * The residue HubSpot's scheme leaves on POST: bytes shifted between the query and the body still
   * verify, but never leave a body that is exactly one JSON document, as the Javadoc advises.
   */
  @Test
  void verify_v3PostWithBytesShiftedBetweenQueryAndBody_neverLeavesOneJsonDocument()
      throws Exception {
    String uri = URI + "?portalId=62515";
    Map<String, String> headers = v3Headers("POST", uri, EVENTS);
    String joined = uri + EVENTS;
    for (int split = uri.length() - 3; split < joined.length(); split++) {
      if (split == uri.length()) {
        continue;
      }
      String body = joined.substring(split);
      WebhookRequest shifted = request("POST", joined.substring(0, split), headers, utf8(body));
      assertThat(reasonOf(v3, shifted)).as("split at %d", split).isNull();
      assertThat(isOneJsonDocument(body)).as(body).isFalse();
    }
    assertThat(isOneJsonDocument(EVENTS)).isTrue();
  }

  private static boolean isOneJsonDocument(String text) {
    try (com.fasterxml.jackson.core.JsonParser parser =
        new com.fasterxml.jackson.core.JsonFactory().createParser(text)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  void sign_bodyOnGet_refused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> v3Headers("GET", URI, "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // Legacy v1/v2 (issue 9, finding 8).

  @Test
  void verify_legacySignature_isASecretPrefixDigestThatSignsNothing() throws Exception {
    byte[] body = utf8(EVENTS);
    VerifiedWebhook webhook =
        legacy.verify(
            request(
                "POST",
                URI,
                Map.of("X-HubSpot-Signature", v1(body), "X-HubSpot-Signature-Version", "v1"),
                body));
    assertThat(webhook.proof()).isEqualTo(Proof.SECRET_PREFIX_DIGEST);
    assertThat(webhook.proof()).isNotEqualTo(Proof.HMAC_SIGNATURE);
    assertThat(webhook.proof().signsContent()).isFalse();
  }

  /** Why the legacy proof signs nothing: one captured v1 request, extended without the secret. */
  @Test
  void verify_lengthExtendedV1Body_isAcceptedSoTheSchemeIsForgeable() throws Exception {
    byte[] genuine = utf8(EVENTS);
    byte[] suffix =
        utf8("\n[{\"eventId\":2,\"subscriptionType\":\"contact.deletion\",\"objectId\":1}]");
    byte[] padding = Sha256Extension.padding(SECRET.length() + genuine.length);
    ByteArrayOutputStream forged = new ByteArrayOutputStream();
    forged.write(genuine);
    forged.write(padding);
    forged.write(suffix);
    String signature =
        HexFormat.of()
            .formatHex(
                Sha256Extension.extend(
                    HexFormat.of().parseHex(v1(genuine)),
                    SECRET.length() + genuine.length + padding.length,
                    suffix));
    VerifiedWebhook webhook =
        legacy.verify(
            request(
                "POST",
                URI,
                Map.of("X-HubSpot-Signature", signature, "X-HubSpot-Signature-Version", "v1"),
                forged.toByteArray()));
    assertThat(webhook.bodyAsString()).endsWith("\"contact.deletion\",\"objectId\":1}]");
    assertThat(webhook.proof().signsContent()).isFalse();
  }

  @Test
  void verify_legacyWithAV3SignaturePresent_theV3SignatureDecides() throws Exception {
    Map<String, String> delivery = deliveryHeaders();
    byte[] body = utf8(EVENTS);
    assertThat(legacy.verify(request("POST", URI, delivery, body)).proof())
        .isEqualTo(Proof.HMAC_SIGNATURE);
    // A wrong v3 signature is a rejection, not a fall-through to the legacy hash.
    Map<String, String> wrongV3 =
        with(
            delivery,
            "X-HubSpot-Signature-v3",
            v3Headers("POST", URI, "{}").get("X-HubSpot-Signature-v3"));
    assertThat(reasonOf(legacy, request("POST", URI, wrongV3, body)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    // So is a stale one: a replay after five minutes does not fall back to the unexpiring hash.
    WebhookVerifier later =
        HubSpot.builderAcceptingForgeableLegacySignatures(
                KeyRing.of(WebhookSecret.ofUtf8(SECRET)), SECRET)
            .clock(at(NOW_MILLIS / 1000 + 3600))
            .build();
    assertThat(reasonOf(later, request("POST", URI, delivery, body)))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
  }

  @Test
  void verify_legacyV1OverAnEmptyBody_rejectedAsItProvesNothing() throws Exception {
    assertThat(
            reasonOf(
                legacy,
                request(
                    "GET",
                    URI + "?anything",
                    Map.of(
                        "X-HubSpot-Signature",
                        v1(new byte[0]),
                        "X-HubSpot-Signature-Version",
                        "v1"),
                    new byte[0])))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_legacyBodyOnGet_rejected() throws Exception {
    byte[] body = utf8(EVENTS);
    assertThat(
            reasonOf(
                legacy,
                request(
                    "GET",
                    URI,
                    Map.of("X-HubSpot-Signature", v1(body), "X-HubSpot-Signature-Version", "v1"),
                    body)))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  // Bounded work on forgeries.

  @Test
  void verify_forgedAtTheBodyLimitWithTheMostKeys_allocatesNoMoreThanAFewKiB() throws Exception {
    KeyRing.Builder ring = KeyRing.builder();
    for (int i = 0; i < KeyRing.MAX_KEYS; i++) {
      ring.add("key-" + i, WebhookSecret.ofUtf8("client-secret-" + i));
    }
    byte[] body = new byte[WebhookVerifier.DEFAULT_MAX_BODY_BYTES];
    java.util.Arrays.fill(body, (byte) '[');
    Map<String, String> forged =
        with(
            deliveryHeaders(),
            "X-HubSpot-Signature-v3",
            v3Headers("POST", URI, "{}").get("X-HubSpot-Signature-v3"));
    for (WebhookVerifier verifier :
        new WebhookVerifier[] {
          HubSpot.builder(ring.build()).clock(at(NOW_MILLIS / 1000)).build(),
          HubSpot.builderAcceptingForgeableLegacySignatures(ring.build(), SECRET)
              .clock(at(NOW_MILLIS / 1000))
              .build()
        }) {
      WebhookRequest request = request("POST", URI, forged, body);
      assertThat(reasonOf(verifier, request)).isEqualTo(Reason.SIGNATURE_MISMATCH);
      long least = Long.MAX_VALUE;
      for (int run = 0; run < 3; run++) {
        long before = TwilioTest.allocatedByThisThread();
        reasonOf(verifier, request);
        least = Math.min(least, TwilioTest.allocatedByThisThread() - before);
      }
      assertThat(least).as("bytes allocated per forged request").isLessThan(16 * 1024L);
    }
  }

  // Replays through IdempotentVerifier (issue 9, "one delivery has one key").

  @Test
  void claim_v3DeliveryReplayedWithEveryUnsignedChange_isDuplicateOrRejected() throws Exception {
    assertReplaysNotProcessed(v3);
  }

  @Test
  void
      claim_legacyEnabledDeliveryReplayedWithEveryUnsignedChangeOrDowngraded_isDuplicateOrRejected()
          throws Exception {
    assertReplaysNotProcessed(legacy);
  }

  private static void assertReplaysNotProcessed(WebhookVerifier verifier) throws Exception {
    IdempotentVerifier idempotent =
        IdempotentVerifier.builder(verifier, new InMemoryIdempotencyStore(1000)).build();
    byte[] body = utf8(EVENTS);
    Map<String, String> delivery = deliveryHeaders();
    try (var claimed = idempotent.claim(request("POST", URI, delivery, body))) {
      claimed.complete();
    }
    String v3Signature = delivery.get("X-HubSpot-Signature-v3");
    Map<String, Map<String, String>> replays = new LinkedHashMap<>();
    replays.put("identical", delivery);
    replays.put("unsigned header added", with(delivery, "X-Request-Id", "replay-1"));
    replays.put("content type changed", with(delivery, "Content-Type", "text/plain"));
    replays.put(
        "legacy headers removed",
        without(delivery, "X-HubSpot-Signature", "X-HubSpot-Signature-Version"));
    replays.put(
        "legacy signature in upper case",
        with(delivery, "X-HubSpot-Signature", v1(body).toUpperCase(Locale.ROOT)));
    replays.put(
        "v3 signature without padding",
        with(delivery, "X-HubSpot-Signature-v3", v3Signature.replace("=", "")));
    replays.put(
        "timestamp with a leading zero",
        with(delivery, "X-HubSpot-Request-Timestamp", "0" + NOW_MILLIS));
    replays.put(
        "downgraded to v1: v3 headers removed",
        without(delivery, "X-HubSpot-Signature-v3", "X-HubSpot-Request-Timestamp"));
    replays.put(
        "downgraded to v1, in upper case",
        with(
            without(delivery, "X-HubSpot-Signature-v3", "X-HubSpot-Request-Timestamp"),
            "X-HubSpot-Signature",
            v1(body).toUpperCase(Locale.ROOT)));
    Map<String, String> processed = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, String>> replay : replays.entrySet()) {
      try (var claimed = idempotent.claim(request("POST", URI, replay.getValue(), body))) {
        claimed.complete();
        processed.put(replay.getKey(), "processed again under " + claimed.deliveryKey());
      } catch (WebhookVerificationException e) {
        // DUPLICATE_DELIVERY or any rejection: not processed again.
      }
    }
    assertThat(processed).as("replays processed a second time").isEmpty();
  }

  /**
   * SHA-256 resumed from a published digest: the length extension that makes {@code SHA-256(secret
   * || message)} forgeable. Test code only, written from FIPS 180-4.
   */
  static final class Sha256Extension {
    private static final int[] K = {
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
      0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
      0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
      0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
      0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
      0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
      0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
      0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
      0xc67178f2
    };

    private Sha256Extension() {}

    /** The padding SHA-256 appends to a message of {@code length} bytes. */
    static byte[] padding(long length) {
      int zeros = (int) ((55 - length % 64 + 64) % 64);
      byte[] pad = new byte[1 + zeros + 8];
      pad[0] = (byte) 0x80;
      for (int i = 0; i < 8; i++) {
        pad[pad.length - 1 - i] = (byte) ((length * 8) >>> (8 * i));
      }
      return pad;
    }

    /**
     * SHA-256 of {@code (unknown prefix of processedLength bytes, whose digest is digest) ||
     * suffix}, where processedLength is a multiple of 64.
     */
    static byte[] extend(byte[] digest, long processedLength, byte[] suffix) {
      int[] h = new int[8];
      for (int i = 0; i < 8; i++) {
        h[i] =
            (digest[4 * i] & 0xff) << 24
                | (digest[4 * i + 1] & 0xff) << 16
                | (digest[4 * i + 2] & 0xff) << 8
                | (digest[4 * i + 3] & 0xff);
      }
      byte[] pad = padding(processedLength + suffix.length);
      byte[] rest = new byte[suffix.length + pad.length];
      System.arraycopy(suffix, 0, rest, 0, suffix.length);
      System.arraycopy(pad, 0, rest, suffix.length, pad.length);
      for (int block = 0; block < rest.length; block += 64) {
        compress(h, rest, block);
      }
      byte[] out = new byte[32];
      for (int i = 0; i < 8; i++) {
        out[4 * i] = (byte) (h[i] >>> 24);
        out[4 * i + 1] = (byte) (h[i] >>> 16);
        out[4 * i + 2] = (byte) (h[i] >>> 8);
        out[4 * i + 3] = (byte) h[i];
      }
      return out;
    }

    private static void compress(int[] h, byte[] data, int offset) {
      int[] w = new int[64];
      for (int t = 0; t < 16; t++) {
        int i = offset + 4 * t;
        w[t] =
            (data[i] & 0xff) << 24
                | (data[i + 1] & 0xff) << 16
                | (data[i + 2] & 0xff) << 8
                | (data[i + 3] & 0xff);
      }
      for (int t = 16; t < 64; t++) {
        int s0 =
            Integer.rotateRight(w[t - 15], 7)
                ^ Integer.rotateRight(w[t - 15], 18)
                ^ (w[t - 15] >>> 3);
        int s1 =
            Integer.rotateRight(w[t - 2], 17)
                ^ Integer.rotateRight(w[t - 2], 19)
                ^ (w[t - 2] >>> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
      }
      int a = h[0];
      int b = h[1];
      int c = h[2];
      int d = h[3];
      int e = h[4];
      int f = h[5];
      int g = h[6];
      int k = h[7];
      for (int t = 0; t < 64; t++) {
        int t1 =
            k
                + (Integer.rotateRight(e, 6)
                    ^ Integer.rotateRight(e, 11)
                    ^ Integer.rotateRight(e, 25))
                + ((e & f) ^ (~e & g))
                + K[t]
                + w[t];
        int t2 =
            (Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22))
                + ((a & b) ^ (a & c) ^ (b & c));
        k = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
      }
      h[0] += a;
      h[1] += b;
      h[2] += c;
      h[3] += d;
      h[4] += e;
      h[5] += f;
      h[6] += g;
      h[7] += k;
    }
  }
}
