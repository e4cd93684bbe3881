package dev.hookverify.jaxrs;

import dev.hookverify.VerifiedWebhook;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;

/**
 * The contract suite's resources, one instance per server. The Stripe handlers act on what the
 * verified body asks: {@code "fail":"throw"} throws an exception no mapper handles on its first
 * call, {@code "fail":"error"} throws an {@code Error} on its first call, {@code "fail":"500"}
 * answers 500 on its first call, {@code "slow":true} takes 300 ms.
 */
@Path("hooks")
public class WebhookResources {
  final Deliveries deliveries = new Deliveries();

  public WebhookResources() {}

  @POST
  @Path("stripe")
  @HookverifyEndpoint("stripe")
  public Response stripe(VerifiedWebhook webhook) throws InterruptedException {
    return act(webhook);
  }

  @POST
  @Path("outage")
  @HookverifyEndpoint("outage")
  public Response outage(VerifiedWebhook webhook) throws InterruptedException {
    return act(webhook);
  }

  @POST
  @Path("custom")
  @HookverifyEndpoint("custom")
  @Produces(MediaType.TEXT_PLAIN)
  public String custom(VerifiedWebhook webhook) {
    deliveries.handle("custom:" + webhook.bodyAsString());
    return webhook.provider() + ":" + webhook.bodyLength();
  }

  /** The request context, where a runtime injects it, and the property the filter set. */
  @POST
  @Path("context")
  @HookverifyEndpoint("custom")
  @Produces(MediaType.TEXT_PLAIN)
  public String context(@Context ContainerRequestContext request) {
    return VerifiedWebhooks.from(request).map(VerifiedWebhook::bodyAsString).orElse("absent");
  }

  /** A form sender: the runtime reads the parameters from the bytes the filter put back. */
  @POST
  @Path("twilio")
  @HookverifyEndpoint("twilio")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_PLAIN)
  public String twilio(
      @FormParam("CallSid") String callSid,
      @FormParam("From") String from,
      @FormParam("Body") String body) {
    deliveries.handle("twilio:" + callSid);
    return from + "|" + body;
  }

  /** Not a webhook: reads its own body, whatever its size, and reports what it saw. */
  @POST
  @Path("upload")
  @Produces(MediaType.TEXT_PLAIN)
  public String upload(InputStream body) throws IOException {
    byte[] bytes = body.readAllBytes();
    return bytes.length + ":" + HexFormat.of().formatHex(Digest.sha256(bytes));
  }

  private Response act(VerifiedWebhook webhook) throws InterruptedException {
    String body = webhook.bodyAsString();
    String key = webhook.deliveryId().orElseThrow();
    int call = deliveries.handle(key);
    if (body.contains("\"slow\":true")) {
      Thread.sleep(300);
    }
    if (call == 1 && body.contains("\"fail\":\"throw\"")) {
      throw new IllegalStateException("handler failed on purpose; no mapper handles this");
    }
    if (call == 1 && body.contains("\"fail\":\"error\"")) {
      throw new AssertionError("handler failed on purpose with an Error");
    }
    if (call == 1 && body.contains("\"fail\":\"500\"")) {
      return Response.serverError().build();
    }
    return Response.noContent().build();
  }
}
