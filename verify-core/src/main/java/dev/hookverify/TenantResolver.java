package dev.hookverify;

import static java.util.Objects.requireNonNull;

import dev.hookverify.internal.UriParts;
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
 * <p>{@link #jsonField} reads a field of a JSON body; for other body formats, read {@link
 * WebhookRequest#body()} in a resolver of your own.
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
   * The tenant named by query parameter {@code name} of the request URI, which must appear exactly
   * once, form-decoded as a servlet container's {@code getParameter} decodes it ({@code %XX} as
   * strict UTF-8, {@code +} as a space).
   *
   * <p>Where the container could read another value, there is no tenant ({@link
   * Reason#UNKNOWN_TENANT}): when any parameter name holds {@code %} or {@code +} (Jetty reads
   * {@code %6Frg=} as {@code org=}), when the name is repeated or also sent bare, or when the value
   * is not valid UTF-8 or decodes to a control character. Parameters a container merges in from a
   * form body are not seen: read the tenant in the handler from the query too.
   */
  static TenantResolver queryParameter(String name) {
    requireNonNull(name, "name");
    return request -> UriParts.queryParameter(request.uri(), name);
  }

  /**
   * The tenant named by the path segment at {@code index} (0 is the first segment after the host),
   * for routes such as {@code /webhooks/{tenant}}, percent-decoded as strict UTF-8 as a servlet
   * container decodes its path.
   *
   * <p>Containers normalize paths before routing, so a raw path can name another segment than the
   * one the handler is routed by. Where that can happen, there is no tenant ({@link
   * Reason#UNKNOWN_TENANT}): an empty segment ({@code //}), a {@code .} or {@code ..} segment, raw
   * or encoded, anywhere in the path; a {@code ;} path parameter; an encoded {@code /}, {@code \}
   * or {@code %}; a raw {@code \}; invalid UTF-8 or a control character.
   */
  static TenantResolver pathSegment(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("index < 0");
    }
    return request -> UriParts.pathSegment(request.uri(), index);
  }

  /**
   * The tenant named by the string or integer at {@code path} of a JSON object body, such as {@code
   * "org_id"} or {@code "owner.domain.uuid"}. The body is scanned, not parsed into a tree: linear
   * work and no allocation but the value, however it nests. The tenant is unknown unless the whole
   * body is one strict JSON object (UTF-8 without a byte order mark, nothing after it, nested at
   * most 64 deep) in which the path is unambiguous: a key on the path repeated (escapes decoded), a
   * literal key that spells the rest of the path with dots, or a value of another type (a fraction,
   * an exponent, {@code -0}, {@code true}, an object) makes it unknown. So a handler that parses
   * the body with Jackson, Gson or org.json reads the tenant whose keys verified it, or nothing.
   *
   * @throws IllegalArgumentException if the path is empty or has an empty key
   */
  static TenantResolver jsonField(String path) {
    String[] keys = requireNonNull(path, "path").split("\\.", -1);
    for (String key : keys) {
      if (key.isEmpty()) {
        throw new IllegalArgumentException("empty key in path " + path);
      }
    }
    return request -> JsonField.read(request.bodyBytes(), keys).filter(t -> !t.isBlank());
  }
}
