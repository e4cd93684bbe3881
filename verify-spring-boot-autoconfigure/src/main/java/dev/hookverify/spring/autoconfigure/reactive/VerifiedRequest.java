package dev.hookverify.spring.autoconfigure.reactive;

import java.nio.ByteBuffer;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;

/**
 * The request the application sees after verification: its body is the verified bytes, replayed to
 * every subscriber as a fresh read-only heap buffer that holds no pooled memory, so a reader that
 * never releases it leaks nothing and no reader can change what was verified. Its query parameters
 * ({@code @RequestParam}, {@code @ModelAttribute}) are the query's only when the sender vouched for
 * it ({@link dev.hookverify.VerifiedWebhook#isQueryAuthentic()}), else none: for a sender that
 * signs the body but not the URL (Slack), a replay could add {@code ?command=} beside the signed
 * one, or relabel the body so that only the query's parameters remain. Thread-safe.
 */
final class VerifiedRequest extends ServerHttpRequestDecorator {
  private static final MultiValueMap<String, String> NO_PARAMETERS =
      CollectionUtils.unmodifiableMultiValueMap(new LinkedMultiValueMap<>(0));

  private final byte[] body;
  private final boolean queryAuthentic;

  VerifiedRequest(ServerHttpRequest request, byte[] body, boolean queryAuthentic) {
    super(request);
    this.body = body;
    this.queryAuthentic = queryAuthentic;
  }

  @Override
  public MultiValueMap<String, String> getQueryParams() {
    return queryAuthentic ? super.getQueryParams() : NO_PARAMETERS;
  }

  @Override
  public Flux<DataBuffer> getBody() {
    return Flux.defer(
        () ->
            Flux.just(
                DefaultDataBufferFactory.sharedInstance.wrap(
                    ByteBuffer.wrap(body).asReadOnlyBuffer())));
  }
}
