package dev.hookverify.jaxrs;

import static java.util.Objects.requireNonNull;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
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
    URI uri;
    try {
      uri = new URI(baseUrl);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("publicUrl is not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.getRawAuthority() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "publicUrl must be an absolute http(s) URL without query or fragment");
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
