package dev.hookverify.servlet;

import dev.hookverify.internal.ForwardedHeaders;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The URL a sender signed, rebuilt from a request: the container's view, a configured public base
 * URL, or trusted forwarded headers; always followed by the raw path and query as received.
 */
final class PublicUrl {
  static final PublicUrl AS_RECEIVED = new PublicUrl(null, false);
  static final PublicUrl FORWARDED = new PublicUrl(null, true);

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
    String query = request.getQueryString();
    if (base == null && !forwarded) {
      // Raw path, as the container received it; the buffer is the caller's to extend.
      StringBuffer url = request.getRequestURL();
      return query == null ? url.toString() : url.append('?').append(query).toString();
    }
    StringBuilder url =
        forwarded
            ? fromForwarded(request)
            : new StringBuilder(base).append(request.getRequestURI());
    return query == null ? url.toString() : url.append('?').append(query).toString();
  }

  /** Scheme, host, port and prefix from trusted forwarded headers, then the request's path. */
  private static StringBuilder fromForwarded(HttpServletRequest request) {
    String name = request.getServerName();
    if (name.indexOf(':') >= 0 && !name.startsWith("[")) {
      name = "[" + name + "]"; // an IPv6 literal
    }
    String scheme = request.getScheme();
    String host = ForwardedHeaders.host(scheme, name, request.getServerPort());
    return new StringBuilder(ForwardedHeaders.origin(request::getHeader, scheme, host))
        .append(request.getRequestURI());
  }
}
