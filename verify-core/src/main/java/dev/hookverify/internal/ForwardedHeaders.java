package dev.hookverify.internal;

import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The origin a sender addressed behind a proxy, read from {@code Forwarded} (RFC 7239) or {@code
 * X-Forwarded-Proto}, {@code -Host}, {@code -Port} and {@code -Prefix}: the first value of each
 * counts, a malformed one is ignored (the request's own scheme and host stand in), and nothing that
 * is not a plain scheme, host, port or path prefix gets through. One reading for every HTTP
 * adapter, so the servlet filter and the WebFlux filter cannot rebuild different URLs.
 */
public final class ForwardedHeaders {
  private static final Pattern HOST =
      Pattern.compile(
          "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]{2,45}\\])(?::\\d{1,5})?");
  private static final Pattern PORT = Pattern.compile("\\d{1,5}");
  private static final Pattern PREFIX = Pattern.compile("(?:/[A-Za-z0-9._~!$&'()*+,;=:@%-]*)*");

  private ForwardedHeaders() {}

  /**
   * {@code scheme://host[:port][/prefix]} as the forwarded headers give it; {@code header} returns
   * a header's first value or null, {@code scheme} and {@code host} are the request's own ({@code
   * host} with its port unless it is the scheme's default: {@link #host}).
   */
  public static String origin(Function<String, String> header, String scheme, String host) {
    String proto = null;
    String forwardedHost = null;
    String forwarded = first(header.apply("Forwarded"));
    if (forwarded != null) {
      for (String pair : forwarded.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          String name = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
          String value = unquote(pair.substring(eq + 1).trim());
          if (name.equals("proto")) {
            proto = value;
          } else if (name.equals("host")) {
            forwardedHost = value;
          }
        }
      }
    } else {
      proto = first(header.apply("X-Forwarded-Proto"));
      forwardedHost = first(header.apply("X-Forwarded-Host"));
    }
    String origin = proto == null ? null : proto.toLowerCase(Locale.ROOT);
    if (!"http".equals(origin) && !"https".equals(origin)) {
      origin = scheme;
    }
    String authority = host;
    if (forwardedHost != null && HOST.matcher(forwardedHost).matches()) {
      authority = forwardedHost;
      if (forwarded == null && forwardedHost.indexOf(':', forwardedHost.lastIndexOf(']') + 1) < 0) {
        String port = first(header.apply("X-Forwarded-Port"));
        if (port != null && PORT.matcher(port).matches() && !isDefault(origin, port)) {
          authority = forwardedHost + ":" + port;
        }
      }
    }
    String prefix = first(header.apply("X-Forwarded-Prefix"));
    if (prefix == null || !PREFIX.matcher(prefix).matches() || prefix.equals("/")) {
      prefix = "";
    } else if (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return origin + "://" + authority + prefix;
  }

  /** {@code name} with {@code port}, left out when it is {@code scheme}'s default or negative. */
  public static String host(String scheme, String name, int port) {
    return port < 0 || isDefault(scheme, Integer.toString(port)) ? name : name + ":" + port;
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
