package dev.hookverify.spring.autoconfigure.reactive;

import dev.hookverify.VerifiedWebhook;
import dev.hookverify.internal.FormData;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import reactor.core.publisher.Mono;

/**
 * The exchange the application sees after verification: its request replays the verified bytes
 * ({@link VerifiedRequest}), and {@link #getFormData()} reads the form from them, strictly ({@link
 * FormData}): a form that does not read cleanly has no parameters rather than a reading that
 * differs from the verified one. Without this, form data would be read from the original request,
 * whose body the filter has consumed. Multipart data is not parsed on a webhook path. Thread-safe.
 */
final class VerifiedExchange extends ServerWebExchangeDecorator {
  private final Mono<MultiValueMap<String, String>> form;

  private VerifiedExchange(ServerWebExchange mutated, byte[] body) {
    super(mutated);
    this.form = Mono.fromSupplier(() -> form(mutated, body)).cache();
  }

  /**
   * {@code exchange} with its request replaced by one that replays {@code body} and reads the query
   * only if {@code webhook}'s sender vouched for it, and with {@code webhook} as its attribute.
   */
  static ServerWebExchange of(ServerWebExchange exchange, byte[] body, VerifiedWebhook webhook) {
    VerifiedRequest request =
        new VerifiedRequest(exchange.getRequest(), body, webhook.isQueryAuthentic());
    ServerWebExchange verified =
        new VerifiedExchange(exchange.mutate().request(request).build(), body);
    verified.getAttributes().put(VerifiedWebhooks.ATTRIBUTE, webhook);
    return verified;
  }

  @Override
  public Mono<MultiValueMap<String, String>> getFormData() {
    return form;
  }

  @Override
  public Mono<MultiValueMap<String, Part>> getMultipartData() {
    MediaType type = contentType(this);
    if (type != null && type.isCompatibleWith(MediaType.MULTIPART_FORM_DATA)) {
      return Mono.error(
          new IllegalStateException(
              "hookverify: parts are not parsed on a webhook path; read the verified body"));
    }
    return Mono.just(CollectionUtils.unmodifiableMultiValueMap(new LinkedMultiValueMap<>(0)));
  }

  /** The verified body's form, as WebFlux would read it: only for a form content type. */
  private static MultiValueMap<String, String> form(ServerWebExchange exchange, byte[] body) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    MediaType type = contentType(exchange);
    if (type != null
        && type.isConcrete()
        && type.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)) {
      Charset charset = type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8;
      FormData.parse(body, charset)
          .ifPresent(
              parameters -> {
                for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
                  form.addAll(parameter.getKey(), parameter.getValue());
                }
              });
    }
    return CollectionUtils.unmodifiableMultiValueMap(form);
  }

  /** The request's content type; null when absent or malformed, as WebFlux treats it. */
  private static MediaType contentType(ServerWebExchange exchange) {
    try {
      return exchange.getRequest().getHeaders().getContentType();
    } catch (InvalidMediaTypeException e) {
      return null;
    }
  }
}
