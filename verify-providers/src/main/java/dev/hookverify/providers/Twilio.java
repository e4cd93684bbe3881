package dev.hookverify.providers;

import dev.hookverify.ContentSink;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Twilio: {@code X-Twilio-Signature: <base64>}, HMAC-SHA1 with the account's auth token as UTF-8
 * over the full URL Twilio requested followed, for form posts, by every parameter as {@code
 * name+value}, sorted by name (repeated names: each distinct value, sorted). A JSON body is signed
 * through the URL instead: Twilio adds {@code bodySHA256=<hex>} to it, and the body must hash to
 * that value.
 *
 * <p>Twilio's own servers are inconsistent about ports, so the URL is tried without its port and
 * with it (the default port added when absent). Behind a proxy that rewrites the scheme or host,
 * give the public URL with {@link #builder(KeyRing, UnaryOperator)}. No timestamp and no signed
 * delivery id: pair it with an {@code IdempotentVerifier}.
 *
 * @see <a href="https://www.twilio.com/docs/usage/webhooks/webhooks-security">Twilio: webhook
 *     security</a>
 */
public final class Twilio {
  /** The registry name. */
  public static final String NAME = "twilio";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Twilio-Signature";

  /** The query parameter that carries a JSON body's SHA-256. */
  public static final String BODY_SHA256 = "bodySHA256";

  private static final String FORM = "application/x-www-form-urlencoded";

  private Twilio() {}

  /** A verifier for one auth token. */
  public static WebhookVerifier verifier(WebhookSecret authToken) {
    return builder(KeyRing.of(authToken), UnaryOperator.identity()).build();
  }

  /**
   * A verifier builder for the tokens of {@code keys}; {@code publicUrl} maps the URI as received
   * to the URL Twilio was configured with (for example, restoring {@code https://} and the public
   * host behind a TLS-terminating proxy).
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, UnaryOperator<String> publicUrl) {
    return WebhookVerifier.builder(NAME)
        .authenticator(authenticator(keys, url -> withoutPort(publicUrl.apply(url))))
        .authenticator(authenticator(keys, url -> withPort(publicUrl.apply(url))));
  }

  private static HmacAuthenticator authenticator(KeyRing keys, UnaryOperator<String> url) {
    return HmacAuthenticator.builder(HmacAlgorithm.SHA1)
        .signatureHeader(
            SignatureHeader.builder(SIGNATURE_HEADER).encoding(SignatureEncoding.BASE64).build())
        .signedContent(content(url))
        .keys(keys)
        .build();
  }

  private static SignedContent content(UnaryOperator<String> url) {
    return SignedContent.builder()
        .part((sink, request, timestamp) -> sink.writeUtf8(url.apply(request.uri())))
        .part(Twilio::writeParameters)
        .bodyCoveredByParts()
        .build();
  }

  /** Form parameters sorted, or, for a JSON body, the check that it hashes to bodySHA256. */
  private static void writeParameters(ContentSink sink, WebhookRequest request, CharSequence ts)
      throws WebhookVerificationException {
    String bodySha256 = queryParameter(request.uri(), BODY_SHA256);
    if (bodySha256 != null) {
      byte[] expected = bodySha256.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
      byte[] actual = Signed.hex(sha256(request.body())).getBytes(StandardCharsets.US_ASCII);
      if (!MessageDigest.isEqual(expected, actual)) {
        throw new WebhookVerificationException(
            Reason.SIGNATURE_MISMATCH, "body does not match " + BODY_SHA256);
      }
      return;
    }
    if (!isForm(request)) {
      return;
    }
    for (String[] parameter : sortedParameters(request.body())) {
      sink.writeUtf8(parameter[0]);
      sink.writeUtf8(parameter[1]);
    }
  }

  private static boolean isForm(WebhookRequest request) {
    List<String> types = request.headers("Content-Type");
    return !types.isEmpty() && types.get(0).toLowerCase(Locale.ROOT).startsWith(FORM);
  }

  /** Name-value pairs, decoded, sorted by name then value, each distinct pair once. */
  static List<String[]> sortedParameters(ByteBuffer body) throws WebhookVerificationException {
    byte[] bytes = new byte[body.remaining()];
    body.get(bytes);
    String form = new String(bytes, StandardCharsets.UTF_8);
    TreeSet<String[]> pairs =
        new TreeSet<>(
            (a, b) -> {
              int byName = a[0].compareTo(b[0]);
              return byName != 0 ? byName : a[1].compareTo(b[1]);
            });
    try {
      for (String item : form.split("&")) {
        if (item.isEmpty()) {
          continue;
        }
        int eq = item.indexOf('=');
        String name = eq < 0 ? item : item.substring(0, eq);
        String value = eq < 0 ? "" : item.substring(eq + 1);
        pairs.add(
            new String[] {
              URLDecoder.decode(name, StandardCharsets.UTF_8),
              URLDecoder.decode(value, StandardCharsets.UTF_8)
            });
      }
    } catch (IllegalArgumentException e) {
      throw new WebhookVerificationException(
          Reason.MALFORMED_SIGNATURE, "form body is not valid URL encoding");
    }
    return new ArrayList<>(pairs);
  }

  /** The value of query parameter {@code name} of {@code url}, taken literally, or null. */
  static String queryParameter(String url, String name) {
    int query = url.indexOf('?');
    if (query < 0) {
      return null;
    }
    for (String item : url.substring(query + 1).split("[&#]")) {
      if (item.startsWith(name + "=")) {
        return item.substring(name.length() + 1);
      }
    }
    return null;
  }

  /** {@code url} with the port of its authority removed. */
  static String withoutPort(String url) {
    int[] port = portSpan(url);
    return port == null || port[0] == port[1]
        ? url
        : url.substring(0, port[0]) + url.substring(port[1]);
  }

  /** {@code url} with its explicit port, or the scheme's default port added. */
  static String withPort(String url) {
    int[] port = portSpan(url);
    if (port == null || port[0] != port[1]) {
      return url;
    }
    String scheme = url.substring(0, url.indexOf("://")).toLowerCase(Locale.ROOT);
    String defaultPort = scheme.equals("https") ? ":443" : scheme.equals("http") ? ":80" : "";
    return url.substring(0, port[0]) + defaultPort + url.substring(port[0]);
  }

  /** Where ":port" sits in the authority: [start, end); start == end where there is none. */
  private static int[] portSpan(String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return null;
    }
    int start = scheme + 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    int colon = url.lastIndexOf(':', end - 1);
    if (colon >= start && url.indexOf(']', colon) < 0 && colon > url.lastIndexOf('@', end - 1)) {
      return new int[] {colon, end};
    }
    return new int[] {end, end};
  }

  private static byte[] sha256(ByteBuffer body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(body);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /**
   * The header Twilio sends when it requests {@code url} with {@code body} of {@code contentType}
   * (form parameters are signed; for JSON, first add {@link #withBodySha256}).
   */
  public static Map<String, String> sign(
      WebhookSecret authToken, String url, String contentType, byte[] body) {
    WebhookRequest request = Signed.request("POST", url, Map.of("Content-Type", contentType), body);
    byte[] tag = content(UnaryOperator.identity()).hmac(HmacAlgorithm.SHA1, authToken, request, "");
    return Signed.headers(SIGNATURE_HEADER, Signed.base64(tag));
  }

  /** {@code url} with the {@code bodySHA256} parameter Twilio adds for a JSON {@code body}. */
  public static String withBodySha256(String url, byte[] body) {
    return url
        + (url.contains("?") ? "&" : "?")
        + BODY_SHA256
        + "="
        + Signed.hex(sha256(ByteBuffer.wrap(body)));
  }
}
