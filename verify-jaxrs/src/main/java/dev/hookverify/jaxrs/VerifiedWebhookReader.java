package dev.hookverify.jaxrs;

import dev.hookverify.VerifiedWebhook;
import jakarta.ws.rs.InternalServerErrorException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Declares {@link VerifiedWebhook} readable, for any media type, so that runtimes which choose a
 * resource method by its entity parameter's reader (Jersey) route to a method taking one. It never
 * produces a webhook: on a {@link HookverifyEndpoint} method the filter's reader interceptor
 * answers with the verified webhook before a reader is asked. Reaching {@link #readFrom} means
 * nothing was verified for this request, so it fails (500): the resource is never called with an
 * unverified body.
 *
 * <p>Stateless and thread-safe.
 */
final class VerifiedWebhookReader implements MessageBodyReader<VerifiedWebhook> {
  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == VerifiedWebhook.class;
  }

  @Override
  public VerifiedWebhook readFrom(
      Class<VerifiedWebhook> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> httpHeaders,
      InputStream entityStream) {
    throw new InternalServerErrorException("no webhook was verified for this request");
  }

  @Override
  public String toString() {
    return "VerifiedWebhookReader";
  }
}
