package dev.hookverify.providers;

import static java.util.Objects.requireNonNull;

import dev.hookverify.Attempt;
import dev.hookverify.AuthenticationContext;
import dev.hookverify.Authenticator;
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
import dev.hookverify.internal.Codec;
import dev.hookverify.internal.ConstantTime;
import dev.hookverify.internal.Reusable;
import dev.hookverify.internal.Sha256;
import dev.hookverify.internal.UriParts;
import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * give the public URL with {@link #builder(KeyRing, ProviderOptions)} or map the received URI with
 * {@link #builder(KeyRing, UnaryOperator)}. No timestamp and no signed delivery id: pair it with an
 * {@code IdempotentVerifier}.
 *
 * <p><b>What is covered.</b> A body is accepted only where the signature covers it: a form on
 * {@code POST} (its {@code Content-Type} parsed as a media type, case-insensitively, parameters
 * allowed, a {@code charset} other than UTF-8 refused), or any body whose SHA-256 is the {@code
 * bodySHA256} of the signed URL. A non-empty body of another type, or on another method, is {@link
 * Reason#MALFORMED_SIGNATURE}; an empty body needs only the URL signed. The form is read as servlet
 * containers read it: items split at {@code &}, empty items skipped, name and value split at the
 * first {@code =}, {@code +} and {@code %XX} decoded to bytes that must be UTF-8; a bad escape or
 * invalid UTF-8 is {@link Reason#MALFORMED_SIGNATURE}. Twilio's signed string joins names and
 * values without separators, so {@code A=12} and {@code A1=2} sign alike and a replayer can
 * re-split a form without the token; {@code IdempotentVerifier} sees the same signature, so the
 * same key.
 *
 * <p><b>Bounded work.</b> A form of more than {@value #MAX_PARAMETERS} parameters is {@link
 * Reason#BODY_TOO_LARGE}, counted before anything is built. Otherwise the form is parsed once per
 * request, whatever the number of keys and URL variants: a forged request allocates at most the
 * body size (the decoded, sorted parameters, never longer than the body) plus about 50 bytes per
 * parameter and a few hundred bytes per URL variant, and each key and URL variant then costs one
 * HMAC over the URL and those bytes. (At the 1 MiB default body limit with 1,000 parameters and 16
 * keys: about 0.8 MB, against 465 MB when the form was parsed per key and variant.)
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

  /**
   * The most form parameters read. Twilio sends a few dozen, under a hundred even for a message
   * with ten media items; 1,000 is Jetty's default {@code maxFormKeys} and recent Tomcat's default
   * {@code maxParameterCount}, so a form over it is one the application's container would refuse.
   */
  public static final int MAX_PARAMETERS = 1000;

  /** What Twilio signs, as the request is reduced to it: the URL, then the sorted parameters. */
  private static final SignedContent URL_AND_PARAMETERS =
      SignedContent.builder().uri().body().build();

  private static final byte[] NO_PARAMETERS = new byte[0];

  private static final int SHA256_LENGTH = 32;

  /** SHA-256 digests for {@code bodySHA256}: one per platform thread, pooled for virtual ones. */
  private static final Reusable<MessageDigest> DIGESTS = new Reusable<>(Sha256::newDigest);

  private static final String FORM = "application/x-www-form-urlencoded";

  private Twilio() {}

  /** A verifier for one auth token. */
  public static WebhookVerifier verifier(WebhookSecret authToken) {
    return builder(KeyRing.of(authToken), ProviderOptions.defaults()).build();
  }

  /**
   * A verifier builder for the tokens of {@code keys}; {@code publicUrl} maps the URI as received
   * to the URL Twilio was configured with (for example, restoring {@code https://} and the public
   * host behind a TLS-terminating proxy).
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, UnaryOperator<String> publicUrl) {
    return WebhookVerifier.builder(NAME).authenticator(new RequestSignature(keys, publicUrl));
  }

  /**
   * A verifier builder for the tokens of {@code keys}, configured by {@code options}: with a public
   * URL, Twilio's signature is checked over that URL followed by the query of the request as
   * received (or over the public URL alone, if it has a query of its own); without one, over the
   * URI as received. The port variants apply to either.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the public URL
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.PUBLIC_URL);
    return builder(keys, options::signedUrl);
  }

  /**
   * Twilio's signature: the request reduced once to what Twilio signs, then an HMAC per key and per
   * URL variant over that reduction.
   */
  private static final class RequestSignature implements Authenticator {
    private static final Attempt MISSING = Attempt.absent("missing header " + SIGNATURE_HEADER);

    private final HmacAuthenticator hmac;
    private final UnaryOperator<String> publicUrl;

    RequestSignature(KeyRing keys, UnaryOperator<String> publicUrl) {
      this.hmac =
          HmacAuthenticator.builder(HmacAlgorithm.SHA1)
              .signatureHeader(
                  SignatureHeader.builder(SIGNATURE_HEADER)
                      .encoding(SignatureEncoding.BASE64)
                      .build())
              .signedContent(URL_AND_PARAMETERS)
              .keys(keys)
              .build();
      this.publicUrl = requireNonNull(publicUrl, "publicUrl");
    }

    @Override
    public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
      List<String> signatures = request.headers(SIGNATURE_HEADER);
      if (signatures.isEmpty()) {
        return MISSING;
      }
      String url = publicUrl.apply(request.uri());
      byte[] parameters;
      try {
        parameters = signedParameters(request, url);
      } catch (WebhookVerificationException notSigned) {
        return Attempt.rejected(notSigned.reason(), notSigned.getMessage());
      }
      long port = portSpan(url);
      String bare = withoutPort(url, port);
      Attempt attempt = hmac.attempt(signed(bare, signatures, parameters), context);
      if (attempt instanceof Attempt.Proven) {
        return attempt;
      }
      String ported = withPort(url, port); // built only when needed: most requests match without
      if (ported.equals(bare)) {
        return attempt;
      }
      Attempt withPort = hmac.attempt(signed(ported, signatures, parameters), context);
      // Only the URL differed, so a second failure says nothing the first did not.
      return withPort instanceof Attempt.Proven ? withPort : attempt;
    }

    @Override
    public String toString() {
      return "Twilio.RequestSignature{" + hmac + "}";
    }
  }

  /**
   * What Twilio signs, as a request: {@code url}, and the signed parameters in place of the body
   * (the HMAC reads the URL, then the body).
   */
  private static WebhookRequest signed(String url, List<String> signatures, byte[] parameters) {
    // A lookup, not header(): no map of copied values per URL variant.
    return WebhookRequest.builder()
        .uri(url)
        .body(parameters)
        .headers(name -> SIGNATURE_HEADER.equalsIgnoreCase(name) ? signatures : null)
        .build();
  }

  /**
   * The bytes Twilio signs after the URL: the sorted form parameters; none when the body is empty
   * or covered by {@code bodySHA256} in the signed {@code url} (checked here).
   *
   * @throws WebhookVerificationException if the body is not covered by the signature, or does not
   *     hash to {@code bodySHA256}
   */
  private static byte[] signedParameters(WebhookRequest request, String url)
      throws WebhookVerificationException {
    ByteBuffer body = request.body();
    if (body.hasRemaining() && !request.method().equals("POST")) {
      throw new WebhookVerificationException(
          Reason.MALFORMED_SIGNATURE, "Twilio signs a body only on POST");
    }
    // Read as the container reads it; a repeated or encoded name is no bodySHA256 at all.
    String bodySha256 = UriParts.queryParameter(url, BODY_SHA256).orElse(null);
    if (bodySha256 != null) {
      // Hex in either case, as bytes: no hex text is built for the body's hash.
      byte[] expected = new byte[SHA256_LENGTH];
      boolean hex = Codec.decodeHex(bodySha256, 0, bodySha256.length(), expected) >= 0;
      byte[] actual = new byte[SHA256_LENGTH];
      sha256(body.duplicate(), actual);
      if (!(ConstantTime.equal(expected, actual) & hex)) {
        throw new WebhookVerificationException(
            Reason.SIGNATURE_MISMATCH, "body does not match " + BODY_SHA256);
      }
      return NO_PARAMETERS;
    }
    if (!body.hasRemaining()) {
      return NO_PARAMETERS;
    }
    if (!isForm(request.headers("Content-Type"))) {
      throw new WebhookVerificationException(
          Reason.MALFORMED_SIGNATURE,
          "body is neither a UTF-8 form nor covered by " + BODY_SHA256 + ": not signed");
    }
    return Form.signedParameters(body);
  }

  /**
   * Whether {@code types} is one media type {@code application/x-www-form-urlencoded} (RFC 9110:
   * case-insensitive, optional whitespace, parameters) whose {@code charset}, if given, is UTF-8.
   */
  static boolean isForm(List<String> types) {
    if (types.size() != 1) {
      return false;
    }
    String type = types.get(0);
    int start = skipWhitespace(type, 0);
    int slash = token(type, start);
    int i = slash < type.length() && type.charAt(slash) == '/' ? token(type, slash + 1) : slash;
    if (!equalsIgnoreCase(type, start, i, FORM)) {
      return false;
    }
    boolean charset = false;
    while ((i = skipWhitespace(type, i)) < type.length()) {
      if (type.charAt(i) != ';') {
        return false;
      }
      i = skipWhitespace(type, i + 1);
      if (i == type.length()) {
        return true; // RFC 9110 allows an empty parameter
      }
      int name = i;
      i = token(type, name);
      if (i == name || i == type.length() || type.charAt(i) != '=') {
        return false;
      }
      boolean isCharset = equalsIgnoreCase(type, name, i, "charset");
      StringBuilder value = new StringBuilder();
      i = parameterValue(type, i + 1, value);
      if (i < 0) {
        return false;
      }
      if (isCharset) {
        if (charset || !value.toString().equalsIgnoreCase("utf-8")) {
          return false; // another charset would make the handler read other text than was signed
        }
        charset = true;
      }
    }
    return true;
  }

  private static boolean equalsIgnoreCase(String s, int start, int end, String ascii) {
    return end - start == ascii.length() && s.regionMatches(true, start, ascii, 0, ascii.length());
  }

  /**
   * The end of the RFC 9110 token starting at {@code start} ({@code start} if there is none); only
   * ASCII, so no Unicode case folding can turn another character into one of a media type's.
   */
  private static int token(String s, int start) {
    int i = start;
    while (i < s.length() && isTokenCharacter(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isTokenCharacter(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  private static int skipWhitespace(String s, int start) {
    int i = start;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** Reads a token or quoted string into {@code value}; its end, or -1 if malformed. */
  private static int parameterValue(String s, int start, StringBuilder value) {
    if (start < s.length() && s.charAt(start) == '"') {
      for (int i = start + 1; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"') {
          return i + 1;
        }
        if (c == '\\') {
          if (++i == s.length()) {
            return -1;
          }
          c = s.charAt(i);
        }
        value.append(c);
      }
      return -1;
    }
    int end = token(s, start);
    value.append(s, start, end);
    return end == start ? -1 : end;
  }

  /**
   * A form body reduced to what Twilio signs: every parameter decoded as {@code name+value}, sorted
   * by name then value in {@link String#compareTo} order (what twilio-java and twilio-node sort
   * by), each distinct pair once. The body is read in place and the result is the one allocation
   * that grows with it.
   */
  private static final class Form {
    private Form() {}

    /**
     * The signed bytes of the form in {@code body}.
     *
     * @throws WebhookVerificationException {@link Reason#BODY_TOO_LARGE} over {@value
     *     #MAX_PARAMETERS} parameters, {@link Reason#MALFORMED_SIGNATURE} for a bad escape or
     *     invalid UTF-8
     */
    private static byte[] signedParameters(ByteBuffer body) throws WebhookVerificationException {
      int start = body.position();
      int end = body.limit();
      int count = count(body, start, end);
      // Per parameter: where its name starts and ends, where its value starts and ends.
      int[] bounds = new int[4 * count];
      int[] lengths = new int[count];
      int p = 0;
      for (int item = start; item < end; ) {
        int itemEnd = item;
        int equals = -1;
        while (itemEnd < end && body.get(itemEnd) != '&') {
          if (equals < 0 && body.get(itemEnd) == '=') {
            equals = itemEnd;
          }
          itemEnd++;
        }
        if (itemEnd > item) {
          bounds[4 * p] = item;
          bounds[4 * p + 1] = equals < 0 ? itemEnd : equals;
          bounds[4 * p + 2] = equals < 0 ? itemEnd : equals + 1;
          bounds[4 * p + 3] = itemEnd;
          lengths[p] =
              decodedLength(body, bounds[4 * p], bounds[4 * p + 1])
                  + decodedLength(body, bounds[4 * p + 2], bounds[4 * p + 3]);
          p++;
        }
        item = itemEnd + 1;
      }
      Integer[] order = new Integer[count];
      for (int i = 0; i < count; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> compare(body, bounds, a, b));
      for (int i = 1; i < count; i++) {
        if (compare(body, bounds, order[i - 1], order[i]) == 0) {
          order[i - 1] = null; // the same pair twice is signed once, as twilio-node does
        }
      }
      return write(body, bounds, order, lengths);
    }

    /** The number of non-empty items; more than the cap is rejected as soon as it is seen. */
    private static int count(ByteBuffer body, int start, int end)
        throws WebhookVerificationException {
      int count = 0;
      boolean inItem = false;
      for (int i = start; i < end; i++) {
        if (body.get(i) == '&') {
          inItem = false;
        } else if (!inItem) {
          inItem = true;
          if (++count > MAX_PARAMETERS) {
            throw new WebhookVerificationException(
                Reason.BODY_TOO_LARGE, "form has more than " + MAX_PARAMETERS + " parameters");
          }
        }
      }
      return count;
    }

    /** The pairs in {@code order} (null: skipped), decoded, into one array of their length. */
    private static byte[] write(ByteBuffer body, int[] bounds, Integer[] order, int[] lengths) {
      int total = 0;
      for (Integer p : order) {
        total += p == null ? 0 : lengths[p];
      }
      byte[] out = new byte[total];
      int at = 0;
      for (Integer p : order) {
        if (p != null) {
          at = decode(body, bounds[4 * p], bounds[4 * p + 1], out, at);
          at = decode(body, bounds[4 * p + 2], bounds[4 * p + 3], out, at);
        }
      }
      return out;
    }

    /** Pairs by name, then value, as {@link String#compareTo} orders the decoded text. */
    private static int compare(ByteBuffer body, int[] bounds, int a, int b) {
      int byName =
          compare(body, bounds[4 * a], bounds[4 * a + 1], bounds[4 * b], bounds[4 * b + 1]);
      return byName != 0
          ? byName
          : compare(
              body, bounds[4 * a + 2], bounds[4 * a + 3], bounds[4 * b + 2], bounds[4 * b + 3]);
    }

    /** Two validated encoded components, compared decoded, without decoding them into memory. */
    private static int compare(ByteBuffer body, int i, int iEnd, int j, int jEnd) {
      while (i < iEnd && j < jEnd) {
        int x = next(body, i);
        int y = next(body, j);
        i += x >>> 8;
        j += y >>> 8;
        if ((x & 0xff) != (y & 0xff)) {
          return utf16Order(x & 0xff, y & 0xff);
        }
      }
      return Boolean.compare(i < iEnd, j < jEnd);
    }

    /**
     * The order of the first differing bytes {@code x} and {@code y} of two UTF-8 strings, as
     * {@link String#compareTo} orders them. After an equal prefix both bytes lead a character or
     * both continue one; UTF-8's byte order is code point order, which differs from UTF-16's only
     * between supplementary characters (lead byte F0-F4, high surrogate D800-DBFF) and U+E000 to
     * U+FFFF (lead byte EE or EF).
     */
    private static int utf16Order(int x, int y) {
      if (x >= 0xf0 && (y == 0xee || y == 0xef)) {
        return -1;
      }
      if (y >= 0xf0 && (x == 0xee || x == 0xef)) {
        return 1;
      }
      return x - y;
    }

    /** The byte decoded at {@code i}, and in the bits above it, how many bytes it took. */
    private static int next(ByteBuffer body, int i) {
      byte c = body.get(i);
      if (c == '%') {
        return (hex(body.get(i + 1)) << 4 | hex(body.get(i + 2))) | 3 << 8;
      }
      return (c == '+' ? ' ' : c & 0xff) | 1 << 8;
    }

    private static int decode(ByteBuffer body, int from, int to, byte[] out, int at) {
      for (int i = from; i < to; ) {
        int x = next(body, i);
        out[at++] = (byte) x;
        i += x >>> 8;
      }
      return at;
    }

    /**
     * The decoded length of {@code body[from, to)}, checking that every escape is {@code %XX} and
     * that the decoded bytes are well-formed UTF-8 (Unicode table 3-7: no overlong forms, no
     * surrogates, nothing past U+10FFFF), as the JDK's decoder requires.
     */
    private static int decodedLength(ByteBuffer body, int from, int to)
        throws WebhookVerificationException {
      int length = 0;
      int pending = 0; // continuation bytes still expected
      int low = 0x80;
      int high = 0xbf;
      for (int i = from; i < to; length++) {
        if (body.get(i) == '%'
            && (i + 2 >= to || (hex(body.get(i + 1)) | hex(body.get(i + 2))) < 0)) {
          throw malformed("form has a bad % escape");
        }
        int x = next(body, i);
        i += x >>> 8;
        int b = x & 0xff;
        if (pending > 0) {
          if (b < low || b > high) {
            throw malformed("form is not UTF-8");
          }
          pending--;
          low = 0x80;
          high = 0xbf;
        } else if (b >= 0x80) {
          if (b >= 0xc2 && b <= 0xdf) {
            pending = 1;
          } else if (b >= 0xe0 && b <= 0xef) {
            pending = 2;
            low = b == 0xe0 ? 0xa0 : 0x80;
            high = b == 0xed ? 0x9f : 0xbf;
          } else if (b >= 0xf0 && b <= 0xf4) {
            pending = 3;
            low = b == 0xf0 ? 0x90 : 0x80;
            high = b == 0xf4 ? 0x8f : 0xbf;
          } else {
            throw malformed("form is not UTF-8");
          }
        }
      }
      if (pending > 0) {
        throw malformed("form is not UTF-8");
      }
      return length;
    }

    private static int hex(byte c) {
      if (c >= '0' && c <= '9') {
        return c - '0';
      }
      if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
      }
      if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
      }
      return -1;
    }

    private static WebhookVerificationException malformed(String message) {
      return new WebhookVerificationException(Reason.MALFORMED_SIGNATURE, message);
    }
  }

  /** {@code url} with the port of its authority removed. */
  static String withoutPort(String url) {
    return withoutPort(url, portSpan(url));
  }

  private static String withoutPort(String url, long port) {
    int start = (int) (port >>> 32);
    int end = (int) port;
    return port < 0 || start == end ? url : url.substring(0, start) + url.substring(end);
  }

  /** {@code url} with its explicit port, or the scheme's default port added. */
  static String withPort(String url) {
    return withPort(url, portSpan(url));
  }

  private static String withPort(String url, long port) {
    int start = (int) (port >>> 32);
    if (port < 0 || start != (int) port) {
      return url;
    }
    String scheme = url.substring(0, url.indexOf("://")).toLowerCase(Locale.ROOT);
    String defaultPort = scheme.equals("https") ? ":443" : scheme.equals("http") ? ":80" : "";
    return url.substring(0, start) + defaultPort + url.substring(start);
  }

  /**
   * Where ":port" sits in the authority, [start, end) packed as {@code start << 32 | end} (start ==
   * end where there is none), or -1 without a {@code ://}: two ints without an array.
   */
  private static long portSpan(String url) {
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return -1;
    }
    int start = scheme + 3;
    int end = start;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    int colon = url.lastIndexOf(':', end - 1);
    if (colon >= start && url.indexOf(']', colon) < 0 && colon > url.lastIndexOf('@', end - 1)) {
      return (long) colon << 32 | end;
    }
    return (long) end << 32 | end;
  }

  /** Writes the SHA-256 of {@code body} into {@code out}. */
  private static void sha256(ByteBuffer body, byte[] out) {
    MessageDigest digest = DIGESTS.take();
    try {
      digest.update(body);
      digest.digest(out, 0, out.length); // resets it for the next body
    } catch (DigestException | RuntimeException e) {
      digest.reset(); // a platform thread keeps it: no bytes left behind for its next body
      throw new IllegalStateException("SHA-256 failed", e);
    } catch (Error e) {
      digest.reset(); // a StackOverflowError mid-update: the same, for the thread's next body
      throw e;
    }
    DIGESTS.give(digest);
  }

  private static byte[] sha256(ByteBuffer body) {
    byte[] out = new byte[SHA256_LENGTH];
    sha256(body, out);
    return out;
  }

  /**
   * The header Twilio sends when it requests {@code url} with {@code body} of {@code contentType}
   * (form parameters are signed; for JSON, first add {@link #withBodySha256}).
   *
   * @throws IllegalArgumentException if the signature would not cover {@code body}: not a form, and
   *     not covered by {@code bodySHA256} in {@code url}
   */
  static Map<String, String> sign(
      WebhookSecret authToken, String url, String contentType, byte[] body) {
    WebhookRequest request = Signed.request("POST", url, Map.of("Content-Type", contentType), body);
    byte[] parameters;
    try {
      parameters = signedParameters(request, url);
    } catch (WebhookVerificationException e) {
      throw new IllegalArgumentException("cannot sign: " + e.getMessage(), e);
    }
    byte[] tag =
        URL_AND_PARAMETERS.hmac(
            HmacAlgorithm.SHA1, authToken, signed(url, List.of(), parameters), "");
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
