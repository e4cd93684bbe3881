package dev.hookverify.jaxrs;

import dev.hookverify.VerifiedWebhook;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** A resource naming an endpoint the feature does not configure: the deployment must fail. */
@Path("misnamed")
public class MisnamedResource {
  public MisnamedResource() {}

  @POST
  @HookverifyEndpoint("no-such-endpoint")
  public void handle(VerifiedWebhook webhook) {
    throw new AssertionError("must never be deployed");
  }
}
