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
import dev.hookverify.internal.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Plivo: {@code X-Plivo-Signature-V3: <base64>[,<base64>...]} (one per active auth token) and
 * {@code X-Plivo-Signature-V3-Nonce}, HMAC-SHA256 with the (sub)account auth token as UTF-8 over
 * the callback URL, its parameters and the nonce, as plivo-python's {@code signature_v3} builds it:
 *
 * <ul>
 *   <li>the base URL {@code scheme://host[:port]/path} as received (no query);
 *   <li>{@code GET}: if the query has parameters, {@code ?} and the query parameters decoded and
 *       sorted by name then value, each {@code name=value}, joined by {@code &};
 *   <li>{@code POST}: if the query or the form has parameters, {@code ?} and the sorted query as
 *       above; if both have, a {@code .}; then the form parameters decoded and sorted the same way,
 *       each {@code namevalue}, with no separator at all;
 *   <li>then {@code .} and the nonce.
 * </ul>
 *
 * <p>Sorting is by Unicode code point (Python's string order: UTF-8 bytes compared unsigned).
 * Parameters are read as servlet containers read them: items split at {@code &}, empty items
 * skipped, name and value split at the first {@code =}, {@code +} and {@code %XX} decoded to bytes
 * that must be UTF-8; a bad escape or invalid UTF-8 is {@link Reason#MALFORMED_SIGNATURE}. A body
 * is accepted only where the signature covers it: a UTF-8 form on {@code POST} (Twilio's media type
 * rules). Other methods, a body on {@code GET}, a URL with a fragment, path parameters ({@code ;})
 * or anything but printable ASCII (a URL as received is still encoded) are {@link
 * Reason#MALFORMED_SIGNATURE}. plivo-java drops the port where plivo-python keeps it, so a URL with
 * an explicit port is tried as received, then without the port. Behind a proxy, give the URL Plivo
 * calls with {@link ProviderOptions.Builder#publicUrl}: the received query is appended to it and
 * signed.
 *
 * <p><b>What is covered, and what is not.</b> The nonce is a random number, not a timestamp: Plivo
 * signs no time, so nothing here rejects a captured delivery replayed later. Pair the verifier with
 * an {@code IdempotentVerifier}: its key is the digest of exactly the signed string, nonce
 * included, so a replay (with headers re-cased, padded or repeated, the port added, a form
 * re-encoded or reordered) is a duplicate. The nonce must be 1 to {@value #MAX_NONCE_LENGTH}
 * letters or digits, so no part of the parameters can be moved into it. Plivo's string joins form
 * names and values without separators ({@code A=12} and {@code A1=2} sign alike) and ends the query
 * with the same {@code .} that starts the nonce, so a replayer can re-split what was signed, for
 * example move the form into the query; such a request signs the same string and is a duplicate for
 * {@code IdempotentVerifier}, but a handler that reads parameters of a request it has not
 * deduplicated may read them split differently. There is no signed delivery id: {@code CallUUID} is
 * shared by every callback of a call.
 *
 * <p><b>Legacy V2.</b> {@code X-Plivo-Signature-V2} signs only the base URL and the nonce, never
 * the parameters or the body: anyone holding one signed request can replay its signature with any
 * parameters. It is off unless enabled ({@link ProviderOptions.Option#LEGACY_SCHEMES}, {@link
 * #builderAcceptingLegacyV2}); then it is tried only when no V3 signature was sent, and a V2 proof
 * covers neither the body nor the query (never reported as signing them). Turning it on also gives
 * up one key per delivery for deliveries that carry both signatures: a replayer who strips the V3
 * headers is proven by V2, whose signed string (base URL and V2 nonce) shares nothing with V3's but
 * the URL, so an {@code IdempotentVerifier} sees a new delivery once (every later V2 replay of it
 * is then a duplicate). No key can join the two without a shared nonce; enable V2 only for
 * endpoints Plivo calls with V2 alone.
 *
 * <p><b>Bounded work.</b> Query and form together of more than {@value #MAX_PARAMETERS} parameters
 * are {@link Reason#BODY_TOO_LARGE}, counted before anything is decoded; otherwise they are read
 * once per request, whatever the number of keys and URL variants.
 *
 * @see <a href="https://www.plivo.com/docs/voice/concepts/signature-validation">Plivo: signature
 *     validation</a>
 */
public final class Plivo {
  /** The registry name. */
  public static final String NAME = "plivo";

  /** The V3 signature header: one signature per active auth token, separated by commas. */
  public static final String SIGNATURE_HEADER = "X-Plivo-Signature-V3";

  /** The V3 nonce header. */
  public static final String NONCE_HEADER = "X-Plivo-Signature-V3-Nonce";

  /** The legacy V2 signature header (URL and nonce only). */
  public static final String V2_SIGNATURE_HEADER = "X-Plivo-Signature-V2";

  /** The legacy V2 nonce header. */
  public static final String V2_NONCE_HEADER = "X-Plivo-Signature-V2-Nonce";

  /** The most query and form parameters read, together (as {@link Twilio#MAX_PARAMETERS}). */
  public static final int MAX_PARAMETERS = 1000;

  /** The longest nonce read; Plivo's are 20 digits. */
  public static final int MAX_NONCE_LENGTH = 64;

  private static final String ITEM_KEY = "s";

  /** What the HMAC reads: the base URL, then the rest of the signed string. */
  private static final SignedContent CONTENT = SignedContent.builder().uri().body().build();

  private Plivo() {}

  /** A verifier for one auth token (V3 only). */
  public static WebhookVerifier verifier(WebhookSecret authToken) {
    return builder(KeyRing.of(authToken)).build();
  }

  /** A verifier builder for the auth tokens of {@code keys} (V3 only). */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the auth tokens of {@code keys}, configured by {@code options}: the
   * public URL Plivo calls, and the legacy V2 signature (URL and nonce only, see the class
   * documentation).
   *
   * @throws IllegalArgumentException if {@code options} sets the tolerance
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(
        NAME, ProviderOptions.Option.PUBLIC_URL, ProviderOptions.Option.LEGACY_SCHEMES);
    UnaryOperator<String> publicUrl = options::signedUrl;
    Authenticator v3 = new V3Signature(keys, publicUrl);
    return WebhookVerifier.builder(NAME)
        .authenticator(
            options.legacySchemes()
                ? Authenticator.withFallback(v3, new V2Signature(keys, publicUrl))
                : v3);
  }

  /**
   * A verifier builder that also accepts the legacy V2 signature when no V3 signature is sent. V2
   * signs neither the parameters nor the body: see the class documentation.
   */
  public static WebhookVerifier.Builder builderAcceptingLegacyV2(KeyRing keys) {
    return builder(keys, ProviderOptions.builder().legacySchemes(true).build());
  }

  /** The V3 signature: the request reduced once, then an HMAC per key and URL variant. */
  private static final class V3Signature implements Authenticator {
    private static final Attempt MISSING = Attempt.absent("missing header " + SIGNATURE_HEADER);

    private final HmacAuthenticator hmac;
    private final UnaryOperator<String> publicUrl;

    V3Signature(KeyRing keys, UnaryOperator<String> publicUrl) {
      this.hmac =
          HmacAuthenticator.builder(HmacAlgorithm.SHA256)
              .signatureHeader(
                  SignatureHeader.builder(SIGNATURE_HEADER)
                      .list(' ', '=', ITEM_KEY)
                      .encoding(SignatureEncoding.BASE64)
                      .build())
              .signedContent(CONTENT)
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
      String items;
      Reduced signed;
      try {
        items = items(signatures);
        signed = reduce(request, publicUrl.apply(request.uri()), nonce(request, NONCE_HEADER));
      } catch (WebhookVerificationException e) {
        return Attempt.rejected(e.reason(), e.getMessage());
      }
      Attempt attempt = hmac.attempt(signed.request(signed.base, items), context);
      if (attempt instanceof Attempt.Proven) {
        return attempt;
      }
      String bare = Twilio.withoutPort(signed.base);
      if (bare.equals(signed.base)) {
        return attempt;
      }
      Attempt withoutPort = hmac.attempt(signed.request(bare, items), context);
      // Only the URL differed, so a second failure says nothing the first did not.
      return withoutPort instanceof Attempt.Proven ? withoutPort : attempt;
    }

    @Override
    public String toString() {
      return "Plivo.V3Signature{" + hmac + "}";
    }
  }

  /** The legacy V2 signature over the base URL and the nonce; its proof covers nothing else. */
  private static final class V2Signature implements Authenticator {
    private static final Attempt MISSING = Attempt.absent("missing header " + V2_SIGNATURE_HEADER);

    private final HmacAuthenticator hmac;
    private final UnaryOperator<String> publicUrl;

    V2Signature(KeyRing keys, UnaryOperator<String> publicUrl) {
      this.hmac =
          HmacAuthenticator.builder(HmacAlgorithm.SHA256)
              .signatureHeader(
                  SignatureHeader.builder(V2_SIGNATURE_HEADER)
                      .encoding(SignatureEncoding.BASE64)
                      .build())
              .signedContent(CONTENT)
              .keys(keys)
              .build();
      this.publicUrl = requireNonNull(publicUrl, "publicUrl");
    }

    @Override
    public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
      List<String> signatures = request.headers(V2_SIGNATURE_HEADER);
      if (signatures.isEmpty()) {
        return MISSING;
      }
      String base;
      String nonce;
      try {
        nonce = nonce(request, V2_NONCE_HEADER);
        base = baseUrl(publicUrl.apply(request.uri()));
      } catch (WebhookVerificationException e) {
        return Attempt.rejected(e.reason(), e.getMessage());
      }
      WebhookRequest.Builder signed =
          WebhookRequest.builder().uri(base).body(nonce.getBytes(StandardCharsets.US_ASCII));
      signatures.forEach(s -> signed.header(V2_SIGNATURE_HEADER, s));
      Attempt attempt = hmac.attempt(signed.build(), context);
      // V2 signs the URL without its query, and no parameter: the proof covers neither.
      return attempt instanceof Attempt.Proven
          ? Attempt.proven(((Attempt.Proven) attempt).authentication().withoutCoverage())
          : attempt;
    }

    @Override
    public String toString() {
      return "Plivo.V2Signature{" + hmac + "}";
    }
  }

  /** What a request reduces to: its base URL, and the rest of the signed string. */
  static final class Reduced {
    final String base;
    final byte[] rest;

    Reduced(String base, byte[] rest) {
      this.base = base;
      this.rest = rest;
    }

    /**
     * What Plivo signs, as a request the HMAC reads ({@code base}, then the rest), carrying the
     * signature {@code items}, if any.
     */
    WebhookRequest request(String base, String items) {
      WebhookRequest.Builder builder = WebhookRequest.builder().uri(base).body(rest);
      if (items != null) {
        builder.header(SIGNATURE_HEADER, items);
      }
      return builder.build();
    }
  }

  /**
   * The received comma-separated signatures as items of the one signature grammar ({@code s=<b64>
   * s=<b64>}), so its limits apply: at most {@link SignatureHeader#MAX_CANDIDATES}.
   */
  private static String items(List<String> signatures) throws WebhookVerificationException {
    if (signatures.size() != 1) {
      throw malformed("signature header " + SIGNATURE_HEADER + " sent more than once");
    }
    String value = signatures.get(0);
    if (value.length() > SignatureHeader.MAX_HEADER_LENGTH) {
      throw malformed("signature header " + SIGNATURE_HEADER + " too long");
    }
    StringBuilder items = new StringBuilder(value.length() + 16);
    int start = 0;
    while (start <= value.length()) {
      int end = value.indexOf(',', start);
      if (end < 0) {
        end = value.length();
      }
      String signature = value.substring(start, end).strip();
      for (int i = 0; i < signature.length(); i++) {
        char c = signature.charAt(i);
        if (c <= ' ' || c > '~') {
          throw malformed("signature header " + SIGNATURE_HEADER + " holds a space or non-ASCII");
        }
      }
      if (!signature.isEmpty()) {
        items.append(items.length() == 0 ? "" : " ").append(ITEM_KEY).append('=').append(signature);
      }
      start = end + 1;
    }
    if (items.length() == 0) {
      throw malformed("signature header " + SIGNATURE_HEADER + " carries no signature");
    }
    return items.toString();
  }

  /** The nonce of header {@code name}: sent once, 1 to 64 letters or digits. */
  private static String nonce(WebhookRequest request, String name)
      throws WebhookVerificationException {
    List<String> values = request.headers(name);
    if (values.size() != 1) {
      throw malformed(values.isEmpty() ? "missing " + name : name + " sent more than once");
    }
    String nonce = values.get(0).strip();
    if (nonce.isEmpty() || nonce.length() > MAX_NONCE_LENGTH) {
      throw malformed(name + " is not 1 to " + MAX_NONCE_LENGTH + " letters or digits");
    }
    for (int i = 0; i < nonce.length(); i++) {
      char c = nonce.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        throw malformed(name + " is not 1 to " + MAX_NONCE_LENGTH + " letters or digits");
      }
    }
    return nonce;
  }

  /**
   * The request reduced to what Plivo signs for {@code url}: the base URL, and the rest, from the
   * parameters to the nonce.
   *
   * @throws WebhookVerificationException if the request is not one Plivo signs
   */
  static Reduced reduce(WebhookRequest request, String url, String nonce)
      throws WebhookVerificationException {
    String base = baseUrl(url);
    int question = url.indexOf('?');
    byte[] query =
        question < 0 ? new byte[0] : url.substring(question + 1).getBytes(StandardCharsets.UTF_8);
    ByteBuffer body = request.body();
    String method = request.method();
    boolean post = method.equals("POST");
    if (!post && !method.equals("GET")) {
      throw malformed("Plivo calls with GET or POST");
    }
    if (body.hasRemaining()) {
      if (!post) {
        throw malformed("Plivo signs a body only on POST");
      }
      if (!Twilio.isForm(request.headers("Content-Type"))) {
        throw malformed("body is not a UTF-8 form: not signed");
      }
    }
    ByteBuffer queryBuffer = ByteBuffer.wrap(query);
    int queryCount = Parameters.count(queryBuffer, 0);
    int formCount = Parameters.count(body, queryCount);
    byte[][] queryPairs = Parameters.sorted(queryBuffer, queryCount);
    byte[][] formPairs = Parameters.sorted(body, formCount);
    int length = Math.max(0, queryPairs.length - 1); // '=' after each name, '&' between pairs
    for (byte[] part : queryPairs) {
      length += part.length;
    }
    for (byte[] part : formPairs) {
      length += part.length;
    }
    boolean mark = queryCount > 0 || (post && formCount > 0);
    boolean dot = queryCount > 0 && post && formCount > 0;
    byte[] nonceBytes = nonce.getBytes(StandardCharsets.US_ASCII);
    byte[] rest = new byte[(mark ? 1 : 0) + length + (dot ? 1 : 0) + 1 + nonceBytes.length];
    int at = 0;
    if (mark) {
      rest[at++] = '?';
    }
    for (int i = 0; i < queryPairs.length; i++) {
      at = put(rest, at, queryPairs[i]);
      if (i + 1 < queryPairs.length) {
        rest[at++] = (byte) (i % 2 == 0 ? '=' : '&');
      }
    }
    if (dot) {
      rest[at++] = '.';
    }
    for (byte[] part : formPairs) {
      at = put(rest, at, part);
    }
    rest[at++] = '.';
    put(rest, at, nonceBytes);
    return new Reduced(base, rest);
  }

  /**
   * {@code scheme://authority/path} of {@code url}: no query.
   *
   * @throws WebhookVerificationException if it is not absolute, has a fragment or path parameters
   */
  static String baseUrl(String url) throws WebhookVerificationException {
    int scheme = url.indexOf("://");
    if (scheme <= 0) {
      throw malformed("the signed URL is not absolute");
    }
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c <= ' ' || c > '~') {
        throw malformed("the signed URL is not printable ASCII"); // as received, still encoded
      }
    }
    if (url.indexOf('#') >= 0) {
      throw malformed("the signed URL has a fragment");
    }
    int question = url.indexOf('?');
    String base = question < 0 ? url : url.substring(0, question);
    if (base.indexOf(';', scheme + 3) >= 0) {
      throw malformed("the signed URL has path parameters");
    }
    return base;
  }

  private static int put(byte[] out, int at, byte[] part) {
    System.arraycopy(part, 0, out, at, part.length);
    return at + part.length;
  }

  private static WebhookVerificationException malformed(String message) {
    return new WebhookVerificationException(Reason.MALFORMED_SIGNATURE, message);
  }

  /** Query and form parameters: counted, decoded and sorted as Plivo signs them. */
  static final class Parameters {
    private Parameters() {}

    /**
     * The non-empty items of {@code data}; with {@code before} already counted elsewhere, more than
     * {@value #MAX_PARAMETERS} in all is rejected as soon as it is seen.
     */
    static int count(ByteBuffer data, int before) throws WebhookVerificationException {
      int count = 0;
      boolean inItem = false;
      for (int i = data.position(); i < data.limit(); i++) {
        if (data.get(i) == '&') {
          inItem = false;
        } else if (!inItem) {
          inItem = true;
          if (before + ++count > MAX_PARAMETERS) {
            throw new WebhookVerificationException(
                Reason.BODY_TOO_LARGE,
                "query and form have more than " + MAX_PARAMETERS + " parameters");
          }
        }
      }
      return count;
    }

    /**
     * The {@code count} items of {@code data} decoded, as name, value, name, value, ..., sorted by
     * name then value (bytes compared unsigned: code point order).
     */
    static byte[][] sorted(ByteBuffer data, int count) throws WebhookVerificationException {
      byte[][] names = new byte[count][];
      byte[][] values = new byte[count][];
      int p = 0;
      int end = data.limit();
      for (int item = data.position(); item < end; ) {
        int itemEnd = item;
        int equals = -1;
        while (itemEnd < end && data.get(itemEnd) != '&') {
          if (equals < 0 && data.get(itemEnd) == '=') {
            equals = itemEnd;
          }
          itemEnd++;
        }
        if (itemEnd > item) {
          names[p] = decode(data, item, equals < 0 ? itemEnd : equals);
          values[p] = equals < 0 ? new byte[0] : decode(data, equals + 1, itemEnd);
          p++;
        }
        item = itemEnd + 1;
      }
      Integer[] order = new Integer[count];
      for (int i = 0; i < count; i++) {
        order[i] = i;
      }
      Arrays.sort(
          order,
          (a, b) -> {
            int byName = Arrays.compareUnsigned(names[a], names[b]);
            return byName != 0 ? byName : Arrays.compareUnsigned(values[a], values[b]);
          });
      byte[][] out = new byte[2 * count][];
      for (int i = 0; i < count; i++) {
        out[2 * i] = names[order[i]];
        out[2 * i + 1] = values[order[i]];
      }
      return out;
    }

    /** {@code data[from, to)} with {@code +} and {@code %XX} decoded; must be UTF-8. */
    static byte[] decode(ByteBuffer data, int from, int to) throws WebhookVerificationException {
      int length = 0;
      for (int i = from; i < to; length++) {
        if (data.get(i) == '%') {
          if (i + 2 >= to || hex(data.get(i + 1)) < 0 || hex(data.get(i + 2)) < 0) {
            throw malformed("a parameter has a bad % escape");
          }
          i += 3;
        } else {
          i++;
        }
      }
      byte[] out = new byte[length];
      int at = 0;
      for (int i = from; i < to; ) {
        byte c = data.get(i);
        if (c == '%') {
          out[at++] = (byte) (hex(data.get(i + 1)) << 4 | hex(data.get(i + 2)));
          i += 3;
        } else {
          out[at++] = c == '+' ? (byte) ' ' : c;
          i++;
        }
      }
      if (!isUtf8(out)) {
        throw malformed("a parameter is not UTF-8");
      }
      return out;
    }

    /** Well-formed UTF-8 (Unicode table 3-7: no overlong forms, no surrogates, to U+10FFFF). */
    static boolean isUtf8(byte[] bytes) {
      for (int i = 0; i < bytes.length; ) {
        int b = bytes[i] & 0xff;
        int pending;
        int low = 0x80;
        int high = 0xbf;
        if (b < 0x80) {
          i++;
          continue;
        } else if (b >= 0xc2 && b <= 0xdf) {
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
          return false;
        }
        i++;
        for (int k = 0; k < pending; k++, i++) {
          if (i >= bytes.length) {
            return false;
          }
          int c = bytes[i] & 0xff;
          if (c < (k == 0 ? low : 0x80) || c > (k == 0 ? high : 0xbf)) {
            return false;
          }
        }
      }
      return true;
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
  }

  /**
   * The headers Plivo sends when it calls {@code url} with {@code method} and {@code body} of
   * {@code contentType}, with {@code nonce}.
   *
   * @throws IllegalArgumentException if Plivo would not sign this request (a body that is not a
   *     form, a body on GET, a bad escape), or the nonce is not 1 to 64 letters or digits
   */
  static Map<String, String> sign(
      WebhookSecret authToken,
      String method,
      String url,
      String contentType,
      byte[] body,
      String nonce) {
    WebhookRequest request =
        Signed.request(method, url, Map.of("Content-Type", contentType, NONCE_HEADER, nonce), body);
    Reduced signed;
    try {
      signed = reduce(request, url, nonce(request, NONCE_HEADER));
    } catch (WebhookVerificationException e) {
      throw new IllegalArgumentException("cannot sign: " + e.getMessage(), e);
    }
    byte[] tag =
        CONTENT.hmac(HmacAlgorithm.SHA256, authToken, signed.request(signed.base, null), "");
    return Signed.headers(SIGNATURE_HEADER, Signed.base64(tag), NONCE_HEADER, nonce);
  }

  /** The legacy V2 headers for {@code url} (its query is not signed) and {@code nonce}. */
  static Map<String, String> signV2(WebhookSecret authToken, String url, String nonce) {
    String base;
    try {
      base = baseUrl(url);
    } catch (WebhookVerificationException e) {
      throw new IllegalArgumentException("cannot sign: " + e.getMessage(), e);
    }
    WebhookRequest signed =
        WebhookRequest.builder().uri(base).body(nonce.getBytes(StandardCharsets.UTF_8)).build();
    byte[] tag = CONTENT.hmac(HmacAlgorithm.SHA256, authToken, signed, "");
    return Signed.headers(V2_SIGNATURE_HEADER, Signed.base64(tag), V2_NONCE_HEADER, nonce);
  }

  /**
   * A nonce as Plivo makes them (20 digits), derived from {@code deliveryId} so that a delivery
   * signed twice carries the same one.
   */
  static String nonceFor(String deliveryId) {
    byte[] digest = Sha256.of(("plivo-nonce:" + deliveryId).getBytes(StandardCharsets.UTF_8));
    StringBuilder digits = new StringBuilder(20);
    for (int i = 0; digits.length() < 20; i++) {
      digits.append((digest[i] & 0xff) % 10);
    }
    return digits.toString();
  }
}
