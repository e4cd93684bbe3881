package dev.hookverify.spring.autoconfigure.reactive;

import dev.hookverify.internal.ForwardedHeaders;
import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * The URL a sender signed, rebuilt from a request: the server's view, a configured public base URL,
 * or trusted forwarded headers; always followed by the raw path and query as received. The same
 * rules as the servlet filter's, over WebFlux's request URI.
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

  /** Scheme, host, port and prefix from trusted forwarded headers. */
  private static StringBuilder fromForwarded(URI uri, Function<String, List<String>> headers) {
    String name = uri.getHost(); // an IPv6 literal keeps its brackets here
    String host =
        name == null
            ? uri.getRawAuthority() // a registry-based name, such as one with an underscore
            : ForwardedHeaders.host(uri.getScheme(), name, uri.getPort());
    Function<String, String> first =
        header -> {
          List<String> values = headers.apply(header);
          return values.isEmpty() ? null : values.get(0);
        };
    return new StringBuilder(ForwardedHeaders.origin(first, uri.getScheme(), host));
  }
}
