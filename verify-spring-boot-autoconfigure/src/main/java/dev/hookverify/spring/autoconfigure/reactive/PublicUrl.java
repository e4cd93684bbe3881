package dev.hookverify.spring.autoconfigure.reactive;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The URL a sender signed, rebuilt from a request: the server's view, a configured public base URL,
 * or trusted forwarded headers; always followed by the raw path and query as received. The same
 * rules as the servlet filter's, over WebFlux's request URI.
 */
final class PublicUrl {
  static final PublicUrl AS_RECEIVED = new PublicUrl(null, false);
  static final PublicUrl FORWARDED = new PublicUrl(null, true);

  private static final Pattern HOST =
      Pattern.compile(
          "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]{2,45}\\])(?::\\d{1,5})?");
  private static final Pattern PORT = Pattern.compile("\\d{1,5}");
  private static final Pattern PREFIX = Pattern.compile("(?:/[A-Za-z0-9._~!$&'()*+,;=:@%-]*)*");

  private final String base;
  private final boolean forwarded;

  private PublicUrl(String base, boolean forwarded) {
    this.base = base;
    this.forwarded = forwarded;
  }

  static PublicUrl fixed(String base) {
    return new PublicUrl(base.endsWith("/") ? base.substring(0, base.length() - 1) : base, false);
  }

  /**
   * The URL of a request to {@code uri} (the server's view: scheme, host, port, raw path and
   * query), as its sender addressed it; {@code headers} gives every value of a request header.
   */
  String of(URI uri, Function<String, List<String>> headers) {
    if (base == null && !forwarded) {
      return uri.toString(); // built from the raw request line, as the server received it
    }
    StringBuilder url = base != null ? new StringBuilder(base) : fromForwarded(uri, headers);
    url.append(uri.getRawPath());
    String query = uri.getRawQuery();
    return query == null ? url.toString() : url.append('?').append(query).toString();
  }

  /** Scheme, host, port and prefix from forwarded headers, each falling back to the request's. */
  private static StringBuilder fromForwarded(URI uri, Function<String, List<String>> headers) {
    String proto = null;
    String host = null;
    String forwarded = first(headers.apply("Forwarded"));
    if (forwarded != null) {
      for (String pair : forwarded.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          String name = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
          String value = unquote(pair.substring(eq + 1).trim());
          if (name.equals("proto")) {
            proto = value;
          } else if (name.equals("host")) {
            host = value;
          }
        }
      }
    } else {
      proto = first(headers.apply("X-Forwarded-Proto"));
      host = first(headers.apply("X-Forwarded-Host"));
    }
    String scheme = proto == null ? null : proto.toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      scheme = uri.getScheme();
    }
    if (host == null || !HOST.matcher(host).matches()) {
      host = hostOf(uri);
    } else if (forwarded == null && host.indexOf(':', host.lastIndexOf(']') + 1) < 0) {
      String port = first(headers.apply("X-Forwarded-Port"));
      if (port != null && PORT.matcher(port).matches() && !isDefault(scheme, port)) {
        host = host + ":" + port;
      }
    }
    String prefix = first(headers.apply("X-Forwarded-Prefix"));
    if (prefix == null || !PREFIX.matcher(prefix).matches() || prefix.equals("/")) {
      prefix = "";
    } else if (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return new StringBuilder(scheme).append("://").append(host).append(prefix);
  }

  /** The request's own host and port, the port left out when it is the scheme's default. */
  private static String hostOf(URI uri) {
    String name = uri.getHost(); // an IPv6 literal keeps its brackets here
    if (name == null) {
      return uri.getRawAuthority(); // a registry-based name, such as one with an underscore
    }
    int port = uri.getPort();
    return port < 0 || isDefault(uri.getScheme(), Integer.toString(port))
        ? name
        : name + ":" + port;
  }

  private static boolean isDefault(String scheme, String port) {
    return ("http".equals(scheme) && port.equals("80"))
        || ("https".equals(scheme) && port.equals("443"));
  }

  /** The first comma-separated element of a header's first value, trimmed; null if absent. */
  private static String first(List<String> values) {
    if (values.isEmpty()) {
      return null;
    }
    String value = values.get(0);
    int comma = value.indexOf(',');
    String first = (comma < 0 ? value : value.substring(0, comma)).trim();
    return first.isEmpty() ? null : first;
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }
}
