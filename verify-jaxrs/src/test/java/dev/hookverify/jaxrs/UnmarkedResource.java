package dev.hookverify.jaxrs;

import dev.hookverify.VerifiedWebhook;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** A resource taking a webhook that nothing verifies: the deployment must fail. */
@Path("unmarked")
public class UnmarkedResource {
  public UnmarkedResource() {}

  @POST
  public void handle(VerifiedWebhook webhook) {
    throw new AssertionError("must never be deployed");
  }
}
