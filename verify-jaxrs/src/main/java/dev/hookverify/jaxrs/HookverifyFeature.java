package dev.hookverify.jaxrs;

import static java.util.Objects.requireNonNull;

import dev.hookverify.IdempotentVerifier;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookVerifier;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Verifies webhooks on the JAX-RS resource methods marked {@link HookverifyEndpoint}: register one
 * with the application (Jersey's {@code ResourceConfig.register}, {@code
 * Application.getSingletons}, or any {@code Configurable}) and name its endpoints on the resources.
 *
 * <pre>{@code
 * HookverifyFeature hookverify = HookverifyFeature.builder()
 *     .endpoint("stripe", IdempotentVerifier.builder(stripe, store).build())
 *     .build();
 * new ResourceConfig(StripeWebhooks.class).register(hookverify);
 *
 * @Path("webhooks") public class StripeWebhooks {
 *   @POST @Path("stripe") @HookverifyEndpoint("stripe")
 *   public void stripe(VerifiedWebhook webhook) { ... } // only verified deliveries get here
 * }
 * }</pre>
 *
 * <p>For each marked method, at deployment, a filter is bound at {@code Priorities.AUTHENTICATION}
 * (before authorization and application filters); a name with no endpoint fails the deployment.
 * Methods without the annotation are left untouched: their bodies are neither read nor buffered. On
 * a marked method, per request:
 *
 * <ol>
 *   <li>A {@code Content-Length} over {@link Builder#maxBodyBytes} is refused (413) unread; a body
 *       without one is read up to the limit and refused one byte past it.
 *   <li>The bytes are put back as the entity stream, so {@code @FormParam}s and entity readers work
 *       as without the filter.
 *   <li>The request is verified over the URL the sender signed ({@link Builder#publicUrl(String)})
 *       and, for an {@link IdempotentVerifier}, its delivery is claimed.
 *   <li>A rejection never reaches the resource: the {@link RejectionHandler} answers it (by default
 *       {@code Reason.httpStatus()}, no body).
 *   <li>The resource gets the {@link dev.hookverify.VerifiedWebhook} as an entity parameter of that
 *       type (portable; tested on Jersey and RESTEasy, empty bodies included). Filters, and Jersey
 *       resources that inject {@code @Context ContainerRequestContext}, read it with {@link
 *       VerifiedWebhooks#from}; in a servlet container it is also the request attribute {@link
 *       VerifiedWebhooks#PROPERTY} (JAX-RS keeps request properties and servlet attributes in
 *       step). A method taking a {@code VerifiedWebhook} without the annotation fails the
 *       deployment.
 *   <li>The claim is completed when the response is 2xx and released otherwise, so the sender's
 *       retry is processed. That includes an exception or error no {@code ExceptionMapper} handles:
 *       JAX-RS 3.1 runtimes answer it through their default mapper and run the response filters.
 *       RESTEasy does so before it answers; Jersey writes its 500 first, so the release follows the
 *       answer by milliseconds and a retry sent within them gets 409. Where a runtime hands such an
 *       exception to its container without the response filters, or the process dies, the claim is
 *       held until its lease ({@link IdempotentVerifier.Builder#lease}) ends and retries get 409
 *       until then: nothing is lost, a retry just waits. If recording the completion fails, the
 *       resource's response stands (the delivery was processed; a 503 would only have it delivered
 *       again) and the claim is released if the store allows, else expires with its lease.
 * </ol>
 *
 * <p>Immutable and thread-safe.
 */
public final class HookverifyFeature implements Feature {
  private final Map<String, Endpoint> endpoints;
  private final int maxBodyBytes;
  private final Function<? super ContainerRequestContext, String> publicUrl;
  private final RejectionHandler rejectionHandler;

  private HookverifyFeature(Builder b) {
    this.endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(b.endpoints));
    this.maxBodyBytes = b.maxBodyBytes;
    this.publicUrl = b.publicUrl;
    this.rejectionHandler = b.rejectionHandler;
  }

  /** A builder with no endpoints, the default body limit and the request's own URL. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Registers the endpoint binding and the {@link dev.hookverify.VerifiedWebhook} entity reader.
   * Called by the runtime once, at deployment.
   *
   * @return true
   */
  @Override
  public boolean configure(FeatureContext context) {
    context.register(new EndpointBinding());
    context.register(new VerifiedWebhookReader());
    return true;
  }

  /**
   * Binds the verification filter to each resource method marked {@link HookverifyEndpoint}, once
   * per method, at deployment; fails the deployment for a name with no endpoint, or for a method
   * taking a {@code VerifiedWebhook} that nothing verifies.
   */
  private final class EndpointBinding implements DynamicFeature {
    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
      Method method = resource.getResourceMethod();
      if (method == null) {
        return;
      }
      HookverifyEndpoint marked = annotationOf(resource, method);
      if (marked == null) {
        if (Arrays.asList(method.getParameterTypes()).contains(VerifiedWebhook.class)) {
          throw new IllegalStateException(
              method + " takes a VerifiedWebhook but is not marked @HookverifyEndpoint");
        }
        return;
      }
      Endpoint endpoint = endpoints.get(marked.value());
      if (endpoint == null) {
        throw new IllegalStateException(
            "@HookverifyEndpoint(\""
                + marked.value()
                + "\") on "
                + method
                + " names no endpoint; configured: "
                + endpoints.keySet());
      }
      context.register(
          new WebhookVerificationFilter(endpoint, maxBodyBytes, publicUrl, rejectionHandler),
          Priorities.AUTHENTICATION);
    }

    @Override
    public String toString() {
      return HookverifyFeature.this + ".EndpointBinding";
    }
  }

  private static HookverifyEndpoint annotationOf(ResourceInfo resource, Method method) {
    HookverifyEndpoint marked = method.getAnnotation(HookverifyEndpoint.class);
    if (marked == null && resource.getResourceClass() != null) {
      marked = resource.getResourceClass().getAnnotation(HookverifyEndpoint.class);
    }
    if (marked == null) {
      marked = method.getDeclaringClass().getAnnotation(HookverifyEndpoint.class);
    }
    return marked;
  }

  @Override
  public String toString() {
    return "HookverifyFeature{endpoints="
        + endpoints.keySet()
        + ", maxBodyBytes="
        + maxBodyBytes
        + "}";
  }

  /** Builds a {@link HookverifyFeature}; checks each input at once. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private int maxBodyBytes = WebhookVerifier.DEFAULT_MAX_BODY_BYTES;
    private Function<? super ContainerRequestContext, String> publicUrl = PublicUrl.AS_RECEIVED;
    private RejectionHandler rejectionHandler = RejectionHandler.standard();

    private Builder() {}

    /**
     * An endpoint that verifies with {@code verifier} and does not deduplicate: every genuine
     * delivery, retries and replays within the timestamp tolerance included, reaches the resource.
     *
     * @throws IllegalArgumentException if {@code name} is blank or already configured
     */
    public Builder endpoint(String name, WebhookVerifier verifier) {
      requireNonNull(verifier, "verifier");
      return add(Endpoint.verifying(checkName(name), verifier));
    }

    /**
     * An endpoint that verifies and claims each delivery with {@code verifier}, so it reaches the
     * resource once: a duplicate of a processed delivery is answered 200 unseen, one in progress
     * 409, and a store failure 503.
     *
     * @throws IllegalArgumentException if {@code name} is blank or already configured
     */
    public Builder endpoint(String name, IdempotentVerifier verifier) {
      requireNonNull(verifier, "verifier");
      return add(Endpoint.claiming(checkName(name), verifier));
    }

    /**
     * The largest body read, in bytes; default {@value WebhookVerifier#DEFAULT_MAX_BODY_BYTES} (1
     * MiB). Keep it no larger than the verifiers' own limits.
     *
     * @throws IllegalArgumentException if negative or {@code Integer.MAX_VALUE}
     */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 0 || maxBodyBytes == Integer.MAX_VALUE) {
        throw new IllegalArgumentException("maxBodyBytes must be 0 to Integer.MAX_VALUE - 1");
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * The public base URL of the application, for senders that sign the URL (Twilio) when a proxy
     * changes scheme, host or path prefix: the URL verified is {@code baseUrl} followed by the
     * request's path below the application's base URI and its query, as received. By default the
     * URL verified is the request URI as the runtime saw it ({@code UriInfo.getRequestUri()}).
     *
     * @throws IllegalArgumentException if {@code baseUrl} is not an absolute http(s) URL without
     *     query or fragment
     */
    public Builder publicUrl(String baseUrl) {
      this.publicUrl = PublicUrl.under(baseUrl);
      return this;
    }

    /**
     * The URL the sender signed, rebuilt from each request by {@code url} (absolute, with the query
     * string). It runs before verification on untrusted input: a runtime exception is a 503 ({@code
     * Reason.VERIFIER_ERROR}).
     */
    public Builder publicUrl(Function<? super ContainerRequestContext, String> url) {
      this.publicUrl = requireNonNull(url, "url");
      return this;
    }

    /** How rejected requests are answered; default {@link RejectionHandler#standard()}. */
    public Builder rejectionHandler(RejectionHandler rejectionHandler) {
      this.rejectionHandler = requireNonNull(rejectionHandler, "rejectionHandler");
      return this;
    }

    /**
     * The feature.
     *
     * @throws IllegalStateException if no endpoint was configured
     */
    public HookverifyFeature build() {
      if (endpoints.isEmpty()) {
        throw new IllegalStateException("no endpoint configured");
      }
      return new HookverifyFeature(this);
    }

    private Builder add(Endpoint endpoint) {
      if (endpoints.putIfAbsent(endpoint.name(), endpoint) != null) {
        throw new IllegalArgumentException("endpoint " + endpoint.name() + " is configured twice");
      }
      return this;
    }

    private static String checkName(String name) {
      requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("endpoint name is blank");
      }
      return name;
    }
  }
}
