package dev.hookverify.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The URL a sender signed, rebuilt from a request: the container's view, a configured public base
 * URL, or trusted forwarded headers; always followed by the raw path and query as received.
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

  /** The URL {@code request} was sent to, as its sender addressed it. */
  String of(HttpServletRequest request) {
    StringBuilder url;
    if (base != null) {
      url = new StringBuilder(base).append(request.getRequestURI());
    } else if (forwarded) {
      url = fromForwarded(request);
    } else {
      url = new StringBuilder(request.getRequestURL()); // raw path, as the container received it
    }
    String query = request.getQueryString();
    return query == null ? url.toString() : url.append('?').append(query).toString();
  }

  /** Scheme, host, port and prefix from forwarded headers, each falling back to the request's. */
  private static StringBuilder fromForwarded(HttpServletRequest request) {
    String proto = null;
    String host = null;
    String forwarded = first(request.getHeader("Forwarded"));
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
      proto = first(request.getHeader("X-Forwarded-Proto"));
      host = first(request.getHeader("X-Forwarded-Host"));
    }
    String scheme = proto == null ? null : proto.toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      scheme = request.getScheme();
    }
    if (host == null || !HOST.matcher(host).matches()) {
      host = hostOf(request);
    } else if (forwarded == null && host.indexOf(':', host.lastIndexOf(']') + 1) < 0) {
      String port = first(request.getHeader("X-Forwarded-Port"));
      if (port != null && PORT.matcher(port).matches() && !isDefault(scheme, port)) {
        host = host + ":" + port;
      }
    }
    String prefix = first(request.getHeader("X-Forwarded-Prefix"));
    if (prefix == null || !PREFIX.matcher(prefix).matches() || prefix.equals("/")) {
      prefix = "";
    } else if (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return new StringBuilder(scheme)
        .append("://")
        .append(host)
        .append(prefix)
        .append(request.getRequestURI());
  }

  /** The request's own host and port, the port left out when it is the scheme's default. */
  private static String hostOf(HttpServletRequest request) {
    String name = request.getServerName();
    if (name.indexOf(':') >= 0 && !name.startsWith("[")) {
      name = "[" + name + "]"; // an IPv6 literal
    }
    int port = request.getServerPort();
    return isDefault(request.getScheme(), Integer.toString(port)) ? name : name + ":" + port;
  }

  private static boolean isDefault(String scheme, String port) {
    return ("http".equals(scheme) && port.equals("80"))
        || ("https".equals(scheme) && port.equals("443"));
  }

  /** The first comma-separated element of a header value, trimmed; null if absent or empty. */
  private static String first(String value) {
    if (value == null) {
      return null;
    }
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
