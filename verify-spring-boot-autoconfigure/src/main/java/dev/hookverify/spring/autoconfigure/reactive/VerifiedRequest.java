package dev.hookverify.spring.autoconfigure.reactive;

import java.nio.ByteBuffer;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Flux;

/**
 * The request the application sees after verification: its body is the verified bytes, replayed to
 * every subscriber as a fresh read-only heap buffer that holds no pooled memory, so a reader that
 * never releases it leaks nothing and no reader can change what was verified. Thread-safe.
 */
final class VerifiedRequest extends ServerHttpRequestDecorator {
  private final byte[] body;

  VerifiedRequest(ServerHttpRequest request, byte[] body) {
    super(request);
    this.body = body;
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
