package dev.hookverify;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An incoming webhook as it arrived: method, full URI, headers and the raw body bytes.
 *
 * <p>Build one from any HTTP stack; a header lookup function is enough:
 *
 * <pre>{@code
 * WebhookRequest request = WebhookRequest.builder()
 *     .method(http.getMethod())
 *     .uri(fullUrl)
 *     .headers(name -> Collections.list(http.getHeaders(name)))
 *     .body(rawBytes)
 *     .build();
 * }</pre>
 *
 * <p>Header names are case-insensitive. The body array is not copied: the caller hands it over and
 * must not modify it afterwards. {@link #toString()} never prints the body, shows the values of a
 * few well-known harmless headers only (a sender may put a signature or token under any name), and
 * drops the URI's user-info ({@code user:password@}), query string (some senders put tokens there)
 * and fragment; it shows the scheme, host and path.
 *
 * <p>Instances are immutable (given the hand-over above) and thread-safe.
 */
public final class WebhookRequest {
  private final String method;
  private final String uri;
  private final Map<String, List<String>> headers;
  private final Object[] exactNames; // name, values, name, values, ...; null below two headers
  private final HeaderLookup lookup;
  private final byte[] body;
  private final String remoteAddress;

  private WebhookRequest(Builder builder) {
    this.method = builder.method;
    this.uri = builder.uri;
    // Case-insensitive lookups that allocate nothing (no toLowerCase per lookup). The builder's map
    // of immutable lists is taken over, not copied: the builder copies it if it is used again.
    Map<String, List<String>> taken = builder.handOverHeaders();
    this.headers = Collections.unmodifiableMap(taken);
    this.exactNames = exactNames(taken);
    this.lookup = builder.lookup;
    this.body = builder.body;
    this.remoteAddress = builder.remoteAddress;
  }

  /** A builder; method defaults to {@code POST}, URI to empty, body to empty. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a body of at most {@code maxBytes} bytes from {@code in}, stopping as soon as the limit
   * is passed so an oversized delivery is never buffered whole.
   *
   * @throws WebhookVerificationException {@link Reason#BODY_TOO_LARGE} past the limit
   * @throws IOException if reading fails
   */
  public static byte[] readBody(InputStream in, int maxBytes)
      throws IOException, WebhookVerificationException {
    return readBody(in, -1, maxBytes);
  }

  /**
   * As {@link #readBody(InputStream, int)}, for a body whose length the HTTP stack declares ({@code
   * Content-Length}; negative if unknown, as with chunked transfer): a declared length within the
   * limit is read up to that length, so a body of at most 8 KiB lands in an array of exactly its
   * size without a scratch buffer or a final copy (a longer one is read in 8 KiB steps joined once,
   * as an unknown length is), and memory grows only as bytes arrive. If the stream goes on past the
   * declared length (a stack that inflates compressed bodies), the rest is read too, within the
   * limit, so the body is always the whole stream. A declared length over the limit is {@link
   * Reason#BODY_TOO_LARGE} before anything is read.
   *
   * @throws WebhookVerificationException {@link Reason#BODY_TOO_LARGE} past the limit
   * @throws IOException if reading fails
   */
  public static byte[] readBody(InputStream in, long declaredLength, int maxBytes)
      throws IOException, WebhookVerificationException {
    requireNonNull(in, "in");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes < 0");
    }
    if (declaredLength > maxBytes) {
      throw new WebhookVerificationException(
          Reason.BODY_TOO_LARGE, "declared body exceeds " + maxBytes);
    }
    if (declaredLength >= 0) {
      byte[] declared = in.readNBytes((int) declaredLength); // fewer only at an early end
      int next = declared.length == declaredLength ? in.read() : -1;
      return next == -1 ? declared : beyondDeclared(in, declared, next, maxBytes);
    }
    byte[] body = in.readNBytes(maxBytes);
    if (body.length == maxBytes && in.read() != -1) {
      throw new WebhookVerificationException(Reason.BODY_TOO_LARGE, "body exceeds " + maxBytes);
    }
    return body;
  }

  /**
   * The rest of a body the stack delivers past its declared length (one that inflates compressed
   * bodies, say): {@code declared}, then {@code next}, then what follows, within the limit.
   */
  private static byte[] beyondDeclared(InputStream in, byte[] declared, int next, int maxBytes)
      throws IOException, WebhookVerificationException {
    int room = maxBytes - declared.length - 1;
    byte[] rest = room < 0 ? null : in.readNBytes(room);
    if (rest == null || rest.length == room && in.read() != -1) {
      throw new WebhookVerificationException(Reason.BODY_TOO_LARGE, "body exceeds " + maxBytes);
    }
    byte[] body = Arrays.copyOf(declared, declared.length + 1 + rest.length);
    body[declared.length] = (byte) next;
    System.arraycopy(rest, 0, body, declared.length + 1, rest.length);
    return body;
  }

  /** The HTTP method, as received. */
  public String method() {
    return method;
  }

  /** The full URI as received, including scheme, host, path and query when the stack gives them. */
  public String uri() {
    return uri;
  }

  /**
   * A read-only view of the raw body bytes, without a copy, for resolvers and signed-content parts
   * that must read the body before it is verified. Treat it as hostile input.
   */
  public java.nio.ByteBuffer body() {
    return java.nio.ByteBuffer.wrap(body).asReadOnlyBuffer();
  }

  /** The raw body bytes; the array is shared, not copied, and must not be modified. */
  byte[] bodyBytes() {
    return body;
  }

  /**
   * The address of the peer that sent the request, as the HTTP stack saw it, when it gave one. For
   * listeners and logs only: verification never reads it.
   */
  public java.util.Optional<String> remoteAddress() {
    return java.util.Optional.ofNullable(remoteAddress);
  }

  /** The length of the body in bytes. */
  public int bodyLength() {
    return body.length;
  }

  /**
   * Every value of the header {@code name}, in the order received; empty if absent.
   *
   * @throws RuntimeException whatever the application's {@link HeaderLookup} throws
   */
  public List<String> headers(String name) {
    List<String> values = exactly(name, null);
    return values != null ? values : lookUp(name);
  }

  /**
   * {@link #headers(String)} for a name whose ASCII lower-case form, {@code lowerCaseName}, was
   * computed once ahead of time (null if the name is not ASCII): the verifier's own lookups, which
   * then find a header sent in either spelling without folding case.
   */
  List<String> headers(String name, String lowerCaseName) {
    List<String> values = exactly(name, lowerCaseName);
    return values != null ? values : lookUp(name);
  }

  /**
   * The values of the header stored under exactly {@code name} or {@code lowerCaseName}, or null. A
   * header stored under either is case-insensitively equal to {@code name}, and the map keeps one
   * entry per such name, so this answers exactly what the case-insensitive map would; a miss goes
   * to that map.
   */
  @SuppressWarnings("unchecked")
  private List<String> exactly(String name, String lowerCaseName) {
    Object[] index = exactNames;
    if (index == null) {
      return null;
    }
    for (int i = 0; i < index.length; i += 2) {
      Object stored = index[i];
      if (stored.equals(name) || stored.equals(lowerCaseName)) {
        return (List<String>) index[i + 1];
      }
    }
    return null;
  }

  /** The case-insensitive lookup that decides; the exact-name index only shortcuts it. */
  private List<String> lookUp(String name) {
    List<String> values = headers.get(name);
    if (values != null) {
      return values;
    }
    if (lookup != null) {
      List<String> found = lookup.values(name);
      return found == null ? List.of() : found;
    }
    return List.of();
  }

  /**
   * The headers as an array of names and values, scanned with {@code String.equals} (which checks
   * the length first) instead of folding case character by character as the map's comparator does.
   * Null for fewer than two headers: one is found by the map in one comparison, and requests that
   * providers build per verification (Twilio's, Plivo's) usually carry one.
   */
  private static Object[] exactNames(Map<String, List<String>> headers) {
    if (headers.size() < 2) {
      return null;
    }
    Object[] index = new Object[2 * headers.size()];
    int i = 0;
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      index[i++] = header.getKey();
      index[i++] = header.getValue();
    }
    return index;
  }

  /** {@code name} in ASCII lower case, or null if it is not all ASCII. */
  static String asciiLowerCase(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) >= 0x80) {
        return null;
      }
    }
    return name.toLowerCase(Locale.ROOT); // on ASCII, exactly the ASCII mapping
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("WebhookRequest{").append(method).append(' ');
    appendRedacted(out, uri);
    out.append(", headers=[");
    String separator = "";
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      out.append(separator).append(header.getKey()).append(": ");
      out.append(
          isSensitive(header.getKey()) ? "<redacted>" : String.join(", ", header.getValue()));
      separator = ", ";
    }
    if (lookup != null) {
      out.append(separator).append("<looked up>");
    }
    return out.append("], body=").append(body.length).append(" bytes}").toString();
  }

  /**
   * Appends {@code uri} without its user-info, query or fragment: {@code
   * https://user:pass@host/p?token=t#f} is shown as {@code https://<user-info
   * redacted>@host/p?<query redacted>#<fragment redacted>}. The user-info is taken to end at the
   * last {@code @} before the query, not the first {@code /}, so a password written with an
   * unescaped {@code /}, {@code \} or {@code @} is still hidden; the price is that a path holding
   * an {@code @} is shown only from after it. The rest of the path is shown, since logs need it to
   * tell endpoints apart (do not put credentials in paths).
   */
  private static void appendRedacted(StringBuilder out, String uri) {
    int scheme = uri.indexOf("://");
    int authority = uri.startsWith("//") ? 2 : 0;
    if (scheme >= 0 && firstOf(uri, "/?#", 0) > scheme) {
      authority = scheme + 3;
    }
    // A path alone, as servlet containers give it, has no user-info.
    boolean pathOnly = authority == 0 && uri.startsWith("/");
    int at = pathOnly ? -1 : uri.lastIndexOf('@', firstOf(uri, "?#", authority) - 1);
    int rest = authority;
    out.append(uri, 0, authority);
    if (at >= authority) {
      out.append("<user-info redacted>@");
      rest = at + 1;
    }
    int query = firstOf(uri, "?#", rest);
    out.append(uri, rest, query);
    if (query < uri.length() && uri.charAt(query) == '?') {
      out.append("?<query redacted>");
      query = firstOf(uri, "#", query);
    }
    if (query < uri.length()) {
      out.append("#<fragment redacted>");
    }
  }

  /** The first index at or after {@code from} of any of {@code chars}, or the length. */
  private static int firstOf(String s, String chars, int from) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }

  /**
   * Headers whose values {@code toString} may show. Everything else is redacted: a sender may put
   * its signature or token under any name, so redaction by name pattern would leak.
   */
  private static final java.util.Set<String> SHOWN =
      java.util.Set.of(
          "content-type",
          "content-length",
          "content-encoding",
          "user-agent",
          "host",
          "accept",
          "accept-encoding",
          "date",
          "x-forwarded-proto",
          "x-request-id");

  static boolean isSensitive(String name) {
    return !SHOWN.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Looks up every value of a header by name, case-insensitively, as servlet containers and other
   * HTTP stacks do. May return {@code null} or an empty list when the header is absent.
   */
  @FunctionalInterface
  public interface HeaderLookup {
    /** Every value of header {@code name}; {@code null} or empty if absent. */
    List<String> values(String name);
  }

  /** Builds a {@link WebhookRequest}. Not thread-safe; build once per request. */
  public static final class Builder {
    private String method = "POST";
    private String uri = "";
    // One value is a List.of (the common case), repeated values an ArrayList until build() freezes
    // it, so a request takes the map over; after that the builder writes to a copy.
    private Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private boolean headersHandedOver;
    private boolean repeatedHeader; // an ArrayList to freeze at the next hand-over
    private HeaderLookup lookup;
    private byte[] body = new byte[0];
    private String remoteAddress;

    private Builder() {}

    /** The HTTP method. */
    public Builder method(String method) {
      this.method = requireNonNull(method, "method");
      return this;
    }

    /** The full URI as the sender addressed it (senders such as Twilio sign it). */
    public Builder uri(String uri) {
      this.uri = requireNonNull(uri, "uri");
      return this;
    }

    /** Adds one value of header {@code name}; repeated calls add repeated values. */
    public Builder header(String name, String value) {
      requireNonNull(name, "name");
      requireNonNull(value, "value");
      if (headersHandedOver) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = copy;
        headersHandedOver = false;
      }
      repeatedHeader |= headers.merge(name, List.of(value), Builder::appended).size() > 1;
      return this;
    }

    /**
     * Whether a value of header {@code name}, in any case, was added with {@link #header}: an
     * adapter whose HTTP stack lists a name once per spelling but returns every spelling's values
     * for each adds them once.
     */
    public boolean hasHeader(String name) {
      return headers.containsKey(requireNonNull(name, "name"));
    }

    /** {@code values} and then {@code value}: a growable list until the headers are handed over. */
    private static List<String> appended(List<String> values, List<String> value) {
      List<String> more = values instanceof ArrayList ? values : new ArrayList<>(values);
      more.add(value.get(0));
      return more;
    }

    /**
     * Headers not added with {@link #header} are looked up through {@code lookup}, lazily, so
     * nothing is copied from the HTTP stack that verification does not read.
     */
    public Builder headers(HeaderLookup lookup) {
      this.lookup = requireNonNull(lookup, "lookup");
      return this;
    }

    /** The raw body bytes, handed over without a copy: do not modify the array afterwards. */
    public Builder body(byte[] body) {
      this.body = requireNonNull(body, "body");
      return this;
    }

    /**
     * The address of the peer, as the HTTP stack saw it ({@code getRemoteAddr()}), so listeners can
     * log who tried; verification never reads it.
     */
    public Builder remoteAddress(String remoteAddress) {
      this.remoteAddress = requireNonNull(remoteAddress, "remoteAddress");
      return this;
    }

    /** The request. */
    public WebhookRequest build() {
      return new WebhookRequest(this);
    }

    /** The headers for a request to keep, each header's values frozen; later writes copy them. */
    private Map<String, List<String>> handOverHeaders() {
      if (repeatedHeader) { // most requests repeat no header: nothing to walk
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
          if (header.getValue() instanceof ArrayList) {
            header.setValue(List.copyOf(header.getValue()));
          }
        }
        repeatedHeader = false;
      }
      headersHandedOver = true;
      return headers;
    }
  }
}
