package dev.hookverify.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Strict, bounded, exception-free reading of a tenant from a URI as received: a query parameter or
 * a path segment, percent-decoded as servlet containers decode them, or nothing when the URI is
 * ambiguous, that is when a container, a proxy or a framework could read another value than this
 * class would.
 *
 * <p>Ambiguous, so no value: a parameter name holding {@code %} or {@code +} (it may decode to the
 * name asked for: Jetty reads {@code %6Frg=} as {@code org=}); the name sent twice, or once bare
 * and once with a value; a path with an empty segment ({@code //}), a {@code .} or {@code ..}
 * segment raw or encoded (containers remove them, moving every later segment), a {@code ;} path
 * parameter, an encoded {@code /} or {@code \}, a raw {@code \}; anything that is not valid
 * percent-encoded UTF-8 or that decodes to a control character. The checks cover the whole path,
 * not only the segments up to the one asked for, since a later {@code ..} moves earlier ones too.
 * Work is linear in the URI's length.
 */
public final class UriParts {
  private UriParts() {}

  /**
   * The form-decoded value of query parameter {@code name} sent exactly once, or empty when it is
   * absent, empty, sent twice or the query is ambiguous (see the class documentation).
   */
  public static Optional<String> queryParameter(String uri, String name) {
    int query = uri.indexOf('?');
    if (query < 0) {
      return Optional.empty();
    }
    int end = indexOf(uri, '#', query, uri.length());
    end = end < 0 ? uri.length() : end;
    String found = null;
    boolean seen = false;
    int start = query + 1;
    while (start <= end) {
      int amp = indexOf(uri, '&', start, end);
      int stop = amp < 0 ? end : amp;
      int eq = indexOf(uri, '=', start, stop); // bounded: a plain indexOf made this quadratic
      int nameEnd = eq < 0 ? stop : eq;
      for (int i = start; i < nameEnd; i++) {
        char c = uri.charAt(i);
        if (c == '%' || c == '+') {
          return Optional.empty(); // this name may decode to the one asked for
        }
      }
      if (nameEnd - start == name.length() && uri.regionMatches(start, name, 0, name.length())) {
        if (seen) {
          return Optional.empty();
        }
        seen = true;
        found = eq < 0 ? "" : uri.substring(eq + 1, stop);
      }
      start = stop + 1;
    }
    return found == null || found.isEmpty()
        ? Optional.empty()
        : Optional.ofNullable(decode(found, true));
  }

  /**
   * The percent-decoded path segment at {@code index} (0 is the first after the host), or empty
   * when there is none, it is empty, or the path is ambiguous (see the class documentation). The
   * URI is absolute ({@code https://host/path}) or a path ({@code /path}).
   */
  public static Optional<String> pathSegment(String uri, int index) {
    int pathStart;
    int scheme = uri.indexOf("://");
    if (scheme > 0 && scheme < firstOf(uri, "/?#", 0)) {
      pathStart = firstOf(uri, "/?#", scheme + 3);
    } else if (uri.startsWith("/") && !uri.startsWith("//")) {
      pathStart = 0;
    } else {
      return Optional.empty();
    }
    int pathEnd = firstOf(uri, "?#", pathStart);
    if (pathStart >= pathEnd) {
      return Optional.empty(); // no path at all
    }
    String found = null;
    int segment = 0;
    int start = pathStart + 1;
    while (true) {
      int slash = indexOf(uri, '/', start, pathEnd);
      int stop = slash < 0 ? pathEnd : slash;
      if (stop == start) {
        if (stop == pathEnd) {
          break; // the root path "/", or a trailing slash: it moves nothing
        }
        return Optional.empty(); // an empty segment, which some stacks collapse
      }
      String decoded = decode(uri.substring(start, stop), false);
      if (decoded == null || decoded.equals(".") || decoded.equals("..")) {
        return Optional.empty();
      }
      if (segment == index) {
        found = decoded;
      }
      segment++;
      if (stop == pathEnd) {
        break;
      }
      start = stop + 1;
    }
    return Optional.ofNullable(found);
  }

  /** The longest path {@link #loggablePath} returns, in characters. */
  public static final int MAX_LOGGED_PATH = 256;

  /**
   * The raw path of {@code uri} (absolute or a path), without query or fragment, for logs: any
   * character that is not visible ASCII becomes {@code ?} and it is cut at {@value
   * #MAX_LOGGED_PATH} characters, so a forged request cannot forge log lines. Empty when the URI
   * has no path.
   */
  public static String loggablePath(String uri) {
    int pathStart;
    int scheme = uri.indexOf("://");
    if (scheme > 0 && scheme < firstOf(uri, "/?#", 0)) {
      pathStart = firstOf(uri, "/?#", scheme + 3);
    } else {
      pathStart = 0;
    }
    int pathEnd = firstOf(uri, "?#", pathStart);
    return loggable(uri.substring(pathStart, Math.min(pathEnd, pathStart + MAX_LOGGED_PATH)));
  }

  /** {@code text} with every character that is not visible ASCII replaced by {@code ?}. */
  public static String loggable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c > '~') {
        char[] chars = text.toCharArray();
        for (int j = i; j < chars.length; j++) {
          chars[j] = chars[j] <= ' ' || chars[j] > '~' ? '?' : chars[j];
        }
        return new String(chars);
      }
    }
    return text; // the common case: nothing to replace, nothing allocated
  }

  /**
   * Whether {@code url} is an absolute http or https URL with a host and no user information, query
   * or fragment: what a configured public URL must be (the query signed is always the received
   * request's, so a configured one would let a replayer change it).
   */
  public static boolean isPlainHttpUrl(String url) {
    if (url.indexOf('?') >= 0) {
      return false;
    }
    try {
      java.net.URI uri = new java.net.URI(url);
      return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null
          && uri.getRawUserInfo() == null
          && uri.getRawFragment() == null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /** The host of a URL {@link #isPlainHttpUrl} accepted. */
  public static String host(String url) {
    return java.net.URI.create(url).getHost();
  }

  /**
   * {@code text} form-encoded as UTF-8 (a space as {@code +}), as senders that post forms write it
   * (the signing kit's Braintree form).
   */
  public static String formEncode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * {@code url} as a {@link java.net.URI}, for an HTTP client (the command-line tool's demo).
   *
   * @throws IllegalArgumentException if it is not a URI
   */
  public static java.net.URI toUri(String url) {
    return java.net.URI.create(url);
  }

  /**
   * {@code raw} percent-decoded as strict UTF-8 ({@code +} as a space in a query), or null if it
   * holds a character that is not plain visible ASCII or a valid escape, decodes to invalid UTF-8
   * or a control character, or, in a path segment, holds or decodes to a separator ({@code /},
   * {@code \}, {@code ;}) or a {@code %} (a second decoding would read it differently).
   */
  private static String decode(String raw, boolean query) {
    byte[] bytes = new byte[raw.length()];
    int length = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int high = i + 2 < raw.length() ? Codec.hexDigit(raw.charAt(i + 1)) : -1;
        int low = high < 0 ? -1 : Codec.hexDigit(raw.charAt(i + 2));
        if (low < 0) {
          return null;
        }
        bytes[length++] = (byte) (high << 4 | low);
        i += 2;
      } else if (c <= 0x20 || c >= 0x7f || (!query && (c == ';' || c == '\\'))) {
        return null;
      } else {
        bytes[length++] = (byte) (query && c == '+' ? ' ' : c);
      }
    }
    // Strict UTF-8: the JDK's decoder replaces malformed, overlong and surrogate sequences with
    // U+FFFD, which does not encode back to the same bytes.
    String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
    byte[] again = text.getBytes(StandardCharsets.UTF_8);
    if (!Arrays.equals(again, 0, again.length, bytes, 0, length)) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        return null;
      }
      if (!query && (c == '/' || c == '\\' || c == ';' || c == '%')) {
        return null;
      }
    }
    return text;
  }

  /** The first index of {@code c} in {@code s[from, to)}, or -1. */
  private static int indexOf(String s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
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
}
