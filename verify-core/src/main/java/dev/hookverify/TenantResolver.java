package dev.hookverify;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Finds which tenant (organization, account, workspace) a delivery is for, before it is verified,
 * so that tenant's keys can be selected through {@link TenantKeys}.
 *
 * <p>Contract: called once per verification, on any thread, with an unverified request, so an
 * implementation must treat every byte as hostile and do bounded work. Return empty when no tenant
 * can be found (the delivery is rejected with {@link Reason#UNKNOWN_TENANT}). A thrown {@link
 * RuntimeException} rejects the delivery with {@link Reason#VERIFIER_ERROR}; it never escapes
 * {@link WebhookVerifier#verify}. The tenant string is reported, so it must not be a secret.
 *
 * <p>Resolvers for a value inside the body (a JSON field) live in {@code verify-providers}, which
 * has a bounded JSON parser.
 */
@FunctionalInterface
public interface TenantResolver {
  /** The tenant of {@code request}, or empty if it has none. */
  Optional<String> tenant(WebhookRequest request);

  /** The tenant named by header {@code name}, which must be sent exactly once. */
  static TenantResolver header(String name) {
    requireNonNull(name, "name");
    return request -> {
      List<String> values = request.headers(name);
      return values.size() == 1 && !values.get(0).isBlank()
          ? Optional.of(values.get(0).strip())
          : Optional.empty();
    };
  }

  /**
   * The tenant named by query parameter {@code name} of the request URI, taken literally (not
   * percent-decoded), which must appear exactly once.
   */
  static TenantResolver queryParameter(String name) {
    requireNonNull(name, "name");
    return request -> UriParts.queryParameter(request.uri(), name);
  }

  /**
   * The tenant named by the path segment at {@code index} (0 is the first segment after the host),
   * for routes such as {@code /webhooks/{tenant}}.
   */
  static TenantResolver pathSegment(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("index < 0");
    }
    return request -> UriParts.pathSegment(request.uri(), index);
  }
}
