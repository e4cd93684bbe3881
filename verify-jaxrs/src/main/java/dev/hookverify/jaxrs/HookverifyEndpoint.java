package dev.hookverify.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method, or every resource method of a class, as a webhook endpoint verified by
 * the {@link HookverifyFeature} endpoint of that name. Resources without it are left untouched:
 * their bodies are neither read nor buffered.
 *
 * <pre>{@code
 * @POST
 * @Path("stripe")
 * @HookverifyEndpoint("stripe")
 * public void stripe(VerifiedWebhook webhook) { ... }
 * }</pre>
 *
 * <p>An annotation on the method wins over one on its class. A name that the feature does not
 * configure fails the deployment (the runtime refuses to start), never a request: the endpoint
 * cannot be served unverified by mistake.
 *
 * <p>It is not a {@code @NameBinding}: the feature binds the filter per method, so that each method
 * gets the endpoint its annotation names.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface HookverifyEndpoint {
  /** The endpoint's name, as given to {@link HookverifyFeature.Builder#endpoint}. */
  String value();
}
