package dev.hookverify.jaxrs;

import dev.hookverify.ClaimedDelivery;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.function.Function;

/**
 * The filter {@link HookverifyFeature} binds to each {@link HookverifyEndpoint} method, at {@code
 * Priorities.AUTHENTICATION}.
 *
 * <p>As a request filter it reads the body up to the limit ({@code Content-Length} over the limit
 * is refused without reading), puts the bytes back as the entity stream for the resource's
 * {@code @FormParam}s and entity readers, verifies (and claims), and stores the {@link
 * VerifiedWebhook} and the {@link ClaimedDelivery} as request properties; a rejection aborts the
 * request through the {@link RejectionHandler}. As a reader interceptor it answers an entity
 * parameter of type {@code VerifiedWebhook} with that webhook. As a response filter it completes
 * the claim on a 2xx response and releases it on any other, including the 500 that a JAX-RS 3.1
 * runtime's default exception mapper makes of an exception no application mapper handles (Jersey
 * runs the filters for that one only after writing it; see {@link HookverifyFeature}).
 *
 * <p>Immutable and thread-safe: one instance serves every request to its method.
 */
final class WebhookVerificationFilter
    implements ContainerRequestFilter, ContainerResponseFilter, ReaderInterceptor {
  private static final System.Logger LOG = System.getLogger("dev.hookverify.jaxrs");

  private final Endpoint endpoint;
  private final int maxBodyBytes;
  private final Function<? super ContainerRequestContext, String> publicUrl;
  private final RejectionHandler rejectionHandler;

  WebhookVerificationFilter(
      Endpoint endpoint,
      int maxBodyBytes,
      Function<? super ContainerRequestContext, String> publicUrl,
      RejectionHandler rejectionHandler) {
    this.endpoint = endpoint;
    this.maxBodyBytes = maxBodyBytes;
    this.publicUrl = publicUrl;
    this.rejectionHandler = rejectionHandler;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    try {
      long declaredLength = declaredLength(request);
      if (declaredLength > maxBodyBytes) {
        reject(request, Reason.BODY_TOO_LARGE); // refused before a byte is read
        return;
      }
      byte[] body;
      try {
        body = WebhookRequest.readBody(request.getEntityStream(), declaredLength, maxBodyBytes);
      } catch (IOException e) {
        // The sender's connection broke or its framing was bad: nothing to verify.
        request.abortWith(StandardRejection.status(400));
        return;
      }
      request.setEntityStream(new ByteArrayInputStream(body));
      WebhookRequest webhook =
          WebhookRequest.builder()
              .method(request.getMethod())
              .uri(publicUrl.apply(request))
              .headers(request.getHeaders()::get)
              .body(body)
              .build();
      endpoint.admit(webhook, request);
    } catch (WebhookVerificationException e) {
      reject(request, e.reason());
    } catch (RuntimeException e) {
      // The public-URL function or the runtime failed: fail closed, as the verifier does.
      LOG.log(Level.WARNING, "webhook endpoint " + endpoint.name() + " failed", e);
      reject(request, Reason.VERIFIER_ERROR);
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object held = request.getProperty(VerifiedWebhooks.CLAIM_PROPERTY);
    if (!(held instanceof ClaimedDelivery)) {
      return; // not idempotent, rejected, or settled already
    }
    request.removeProperty(VerifiedWebhooks.CLAIM_PROPERTY);
    try (ClaimedDelivery delivery = (ClaimedDelivery) held) {
      if (response.getStatusInfo().getFamily() == Response.Status.Family.SUCCESSFUL) {
        complete(delivery);
      }
    } // not completed: released, so the sender's retry is processed
  }

  /**
   * Records the completion. A store failure keeps the resource's response: the delivery was
   * processed, and a 503 would only make the sender deliver it again. The claim is released if the
   * store allows, else it expires after its lease.
   */
  private void complete(ClaimedDelivery delivery) {
    try {
      delivery.complete();
    } catch (WebhookVerificationException e) {
      LOG.log(
          Level.WARNING,
          "webhook endpoint "
              + endpoint.name()
              + " processed delivery "
              + delivery.deliveryKey()
              + " but could not record it: "
              + e.getMessage());
    }
  }

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    if (context.getType() == VerifiedWebhook.class) {
      Object webhook = context.getProperty(VerifiedWebhooks.PROPERTY);
      if (webhook instanceof VerifiedWebhook) {
        return webhook;
      }
    }
    return context.proceed();
  }

  private void reject(ContainerRequestContext request, Reason reason) {
    Response response = null;
    try {
      response = rejectionHandler.reject(request, endpoint.name(), reason);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "rejection handler of " + endpoint.name() + " failed", e);
    }
    request.abortWith(response != null ? response : StandardRejection.status(reason.httpStatus()));
  }

  /** The declared {@code Content-Length}; -1 when absent or not a number (read with the limit). */
  private static long declaredLength(ContainerRequestContext request) {
    String value = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (value == null || value.isEmpty() || !isDigits(value)) {
      return -1;
    }
    return value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value);
  }

  private static boolean isDigits(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "WebhookVerificationFilter{" + endpoint.name() + "}";
  }
}
