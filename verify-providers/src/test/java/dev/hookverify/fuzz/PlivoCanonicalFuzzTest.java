package dev.hookverify.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.Providers;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Plivo's URL and parameter canonicalisation against an independent reference. A request with a
 * fuzzed method, URL, query, form, content type and nonce is signed by a reference written here
 * from plivo-python's {@code signature_v3} (strings, sorted by code point); the verifier must
 * accept every request the reference can sign, and accept nothing whose signature the reference
 * does not compute (for the URL as received, or without its port). {@link Budget} fences time and
 * allocation and requires the same outcome twice.
 */
class PlivoCanonicalFuzzTest {
  private static final long NOW = 1_800_000_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  private static final String TOKEN = "plivo-fuzz-token";
  private static final String FORM = "application/x-www-form-urlencoded";

  private static final WebhookVerifier PLIVO =
      Providers.byName("plivo").verifier(List.of(TOKEN)).clock(CLOCK).build();

  @FuzzTest(maxDuration = "5m")
  void plivo(FuzzedDataProvider data) {
    String method = data.pickValue(List.of("POST", "GET", "PUT"));
    String url =
        data.consumeBoolean()
            ? data.pickValue(
                    List.of(
                        "https://receiver.example/hooks/in",
                        "https://receiver.example:8443/hooks/in",
                        "http://receiver.example"))
                + data.consumeString(200)
            : data.consumeString(300);
    String nonce = data.consumeBoolean() ? "12345678901234567890" : data.consumeString(70);
    String contentType = data.consumeBoolean() ? FORM : data.consumeString(60);
    int signatureShape = data.consumeInt(0, 3);
    String junk = data.consumeString(100);
    byte[] body = data.consumeRemainingAsBytes();

    String reference = reference(method, url, contentType, body, nonce);
    String genuine = reference == null ? null : hmacBase64(reference);
    String signature;
    switch (signatureShape) {
      case 0:
        signature = genuine == null ? junk : genuine;
        break;
      case 1:
        signature = genuine == null ? junk : junk + "," + genuine;
        break;
      default:
        signature = junk;
    }
    WebhookRequest request =
        WebhookRequest.builder()
            .method(method)
            .uri(url)
            .header("Content-Type", contentType)
            .header("X-Plivo-Signature-V3", signature)
            .header("X-Plivo-Signature-V3-Nonce", nonce)
            .body(body)
            .build();
    Budget.Outcome outcome = Budget.verify(PLIVO, request);
    if (genuine != null && signatureShape == 0) {
      assertThat(outcome.reason())
          .as("a request the reference signs: %s", outcome.rejection)
          .isNull();
    }
    if (outcome.verified != null) {
      // Any form media type the verifier reads (parameters, case) signs as the plain one does.
      reference = reference(method, url, FORM, body, nonce);
      String bare = reference(method, withoutPort(url), FORM, body, nonce);
      List<String> computed = new ArrayList<>();
      if (reference != null) {
        computed.add(hmacBase64(reference));
      }
      if (bare != null) {
        computed.add(hmacBase64(bare));
      }
      boolean carried = false;
      for (String sent : signature.split(",", -1)) {
        carried |= computed.contains(canonicalBase64(sent.strip()));
      }
      assertThat(carried)
          .as("accepted a signature the reference does not compute for %s", url)
          .isTrue();
    }
  }

  // ------------------------------------------------------------ the reference, from plivo-python

  /**
   * What plivo-python signs for this request, before {@code .nonce}, with the nonce appended; null
   * where it would refuse or another reading is possible (then the verifier must refuse too).
   */
  static String reference(
      String method, String url, String contentType, byte[] body, String nonce) {
    if (!nonce.strip().matches("[A-Za-z0-9]{1,64}")) {
      return null;
    }
    if (!url.matches("[!-~]*") || url.contains("#") || url.indexOf("://") <= 0) {
      return null;
    }
    int question = url.indexOf('?');
    String base = question < 0 ? url : url.substring(0, question);
    if (base.indexOf(';', base.indexOf("://") + 3) >= 0) {
      return null;
    }
    boolean post = method.equals("POST");
    if (!post && !method.equals("GET")) {
      return null;
    }
    if (body.length > 0 && (!post || !contentType.equals(FORM))) {
      return null; // the verifier reads other media types than this one, never fewer
    }
    List<String[]> query = pairs(question < 0 ? "" : url.substring(question + 1));
    List<String[]> form = pairs(new String(body, StandardCharsets.ISO_8859_1));
    if (query == null || form == null || query.size() + form.size() > 1000) {
      return null;
    }
    StringBuilder q = new StringBuilder();
    for (String[] pair : query) {
      q.append(q.length() == 0 ? "" : "&").append(pair[0]).append('=').append(pair[1]);
    }
    StringBuilder signed = new StringBuilder(base);
    if (!query.isEmpty() || (post && !form.isEmpty())) {
      signed.append('?').append(q);
    }
    if (post && !query.isEmpty() && !form.isEmpty()) {
      signed.append('.');
    }
    for (String[] pair : form) {
      signed.append(pair[0]).append(pair[1]);
    }
    return signed.append('.').append(nonce.strip()).toString();
  }

  /** parse_qs with keep_blank_values, strictly: sorted by name then value in code point order. */
  private static List<String[]> pairs(String encoded) {
    List<String[]> out = new ArrayList<>();
    for (String item : encoded.split("&", -1)) {
      if (item.isEmpty()) {
        continue;
      }
      int equals = item.indexOf('=');
      String name = decode(equals < 0 ? item : item.substring(0, equals));
      String value = equals < 0 ? "" : decode(item.substring(equals + 1));
      if (name == null || value == null) {
        return null;
      }
      out.add(new String[] {name, value});
    }
    out.sort(
        (a, b) -> {
          int byName = codePoints(a[0], b[0]);
          return byName != 0 ? byName : codePoints(a[1], b[1]);
        });
    return out;
  }

  private static int codePoints(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    return java.util.Arrays.compare(x, y);
  }

  /** {@code +} and {@code %XX} decoded (the text is bytes as Latin-1), as strict UTF-8, or null. */
  private static String decode(String text) {
    ByteBuffer bytes = ByteBuffer.allocate(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()) {
          return null;
        }
        int hi = Character.digit(text.charAt(i + 1), 16);
        int lo = Character.digit(text.charAt(i + 2), 16);
        if (hi < 0 || lo < 0 || text.charAt(i + 1) > 'f' || text.charAt(i + 2) > 'f') {
          return null;
        }
        bytes.put((byte) (hi << 4 | lo));
        i += 2;
      } else {
        bytes.put(c == '+' ? (byte) ' ' : (byte) c);
      }
    }
    bytes.flip();
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static String withoutPort(String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return url;
    }
    int start = scheme + 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    int colon = url.lastIndexOf(':', end - 1);
    if (colon >= start && url.indexOf(']', colon) < 0 && colon > url.lastIndexOf('@', end - 1)) {
      return url.substring(0, colon) + url.substring(end);
    }
    return url;
  }

  private static String canonicalBase64(String text) {
    try {
      return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static String hmacBase64(String signed) {
    return Base64.getEncoder()
        .encodeToString(hmac(TOKEN, signed.getBytes(StandardCharsets.UTF_8), new byte[0]));
  }

  private static byte[] hmac(String key, byte[] first, byte[] second) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(first);
      mac.update(second);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
