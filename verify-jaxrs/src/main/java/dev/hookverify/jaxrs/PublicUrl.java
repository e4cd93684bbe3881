package dev.hookverify.jaxrs;

import static java.util.Objects.requireNonNull;

import dev.hookverify.internal.UriParts;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.function.Function;

/** The URL a sender signed, rebuilt from a request. Immutable and thread-safe. */
final class PublicUrl implements Function<ContainerRequestContext, String> {
  /** The request URI as the runtime saw it, absolute, with its query. */
  static final Function<ContainerRequestContext, String> AS_RECEIVED =
      request -> request.getUriInfo().getRequestUri().toString();

  private final String base;

  private PublicUrl(String base) {
    this.base = base;
  }

  /** {@code baseUrl} followed by the request's path below the application base, and its query. */
  static PublicUrl under(String baseUrl) {
    requireNonNull(baseUrl, "baseUrl");
    // The one URI parser (UriParts) judges it, as the servlet filter's public base URL.
    if (!UriParts.isPlainHttpUrl(baseUrl)) {
      throw new IllegalArgumentException(
          "publicUrl must be an absolute http(s) URL with a host, without user information, query"
              + " or fragment");
    }
    return new PublicUrl(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
  }

  @Override
  public String apply(ContainerRequestContext request) {
    UriInfo info = request.getUriInfo();
    String received = info.getRequestUri().toString();
    String application = info.getBaseUri().toString();
    String below;
    if (received.startsWith(application)) {
      below = received.substring(application.length());
    } else {
      // Not under the base as the runtime reports it: keep the whole path and the query.
      URI uri = info.getRequestUri();
      below = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
    return base + (below.startsWith("/") ? below.substring(1) : below);
  }

  @Override
  public String toString() {
    return "PublicUrl{" + base + "}";
  }
}
