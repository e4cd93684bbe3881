package dev.hookverify.spring.autoconfigure.reactive;

import static java.util.Objects.requireNonNull;

import dev.hookverify.IdempotentVerifier;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.internal.UriParts;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A WebFlux filter that verifies webhooks before the application sees them: on its paths it reads
 * the body within the verifier's limit, verifies (and, with an {@link IdempotentVerifier}, claims)
 * the delivery, and passes on an exchange that replays the verified bytes, with the {@link
 * VerifiedWebhook} as the attribute {@link VerifiedWebhooks#ATTRIBUTE}. Anything not proven is
 * answered by the {@link RejectionHandler} and never reaches the application.
 *
 * <p>Requests on other paths pass through untouched and unread, so an upload or a form elsewhere in
 * the application is not buffered. Register it as a bean: WebFlux applies {@link WebFilter} beans
 * in {@link #getOrder() order}, and the default, {@value #DEFAULT_ORDER}, runs it before Spring
 * Security ({@code -100}) and the hidden-method filter ({@code -10000}), both of which may read the
 * body.
 *
 * <ul>
 *   <li><b>Body limit.</b> A {@code Content-Length} over the verifier's {@link
 *       WebhookVerifier#maxBodyBytes() limit} is 413 before anything is read; a body without one
 *       (chunked) is joined up to the limit and is 413 as soon as it passes it. Every buffer read
 *       is released, also when the body is too large or the client goes away.
 *   <li><b>Threads.</b> Verification, claims and their settlement run on {@link
 *       Schedulers#boundedElastic()}, never on an event-loop thread, since a JDBC or Redis store
 *       blocks; the handler is then called on that thread too.
 *   <li><b>The signed URL.</b> The request URI as the server received it (scheme, host, port, raw
 *       path and query); behind a proxy, from {@link Builder#publicBaseUrl} or, only when the
 *       application says its proxy sets them, from forwarded headers ({@link
 *       Builder#trustForwardedHeaders}). If the application already applies forwarded headers
 *       ({@code server.forward-headers-strategy}), the URI received reflects them: trust them in
 *       one place only.
 *   <li><b>Downstream.</b> The request's body replays the verified bytes to every subscriber
 *       ({@code @RequestBody}, codecs); {@link ServerWebExchange#getFormData()} (and so
 *       {@code @ModelAttribute}) reads a form from them, strictly, so a form handler (Twilio,
 *       Slack) reads what was verified. Multipart data is not parsed on a webhook path.
 *   <li><b>Idempotency.</b> The claim is completed when the handler answers a 2xx status, just
 *       before the response is committed, so a sender's prompt retry is a duplicate; it is released
 *       when the handler errors, the client goes away, or the status is anything else, so the
 *       sender's retry is processed. If recording completion fails the handler's answer stands and
 *       the claim lapses after its lease.
 *   <li><b>Rejections.</b> By default the status of the {@link Reason} with no body, {@code
 *       Cache-Control: no-store}, and {@code Retry-After} on 409 and 503; never the reason's text
 *       unless {@link RejectionHandler#revealingReason()} is chosen.
 *   <li><b>Listeners.</b> The verifier's listener sees the peer's address and the request path.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class WebhookWebFilter implements WebFilter, Ordered {
  /** The default order: before Spring Security's filter chain and the hidden-method filter. */
  public static final int DEFAULT_ORDER = -10_100;

  private static final byte[] EMPTY = new byte[0];

  private final WebhookVerifier verifier;
  private final IdempotentVerifier idempotent;
  private final int maxBodyBytes;
  private final List<PathPattern> paths;
  private final PublicUrl publicUrl;
  private final RejectionHandler rejections;
  private final int order;

  private WebhookWebFilter(Builder b) {
    this.verifier = b.verifier;
    this.idempotent = b.idempotent;
    this.maxBodyBytes =
        b.idempotent != null ? b.idempotent.maxBodyBytes() : b.verifier.maxBodyBytes();
    this.paths = List.copyOf(b.paths);
    this.publicUrl = b.publicUrl;
    this.rejections = b.rejections;
    this.order = b.order;
  }

  /** A builder for a filter that verifies with {@code verifier}; at least one path is required. */
  public static Builder builder(WebhookVerifier verifier) {
    return new Builder(requireNonNull(verifier, "verifier"), null);
  }

  /**
   * A builder for a filter that verifies and deduplicates with {@code verifier}; at least one path
   * is required.
   */
  public static Builder builder(IdempotentVerifier verifier) {
    return new Builder(null, requireNonNull(verifier, "verifier"));
  }

  @Override
  public int getOrder() {
    return order;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    if (!covers(request)) {
      return chain.filter(exchange);
    }
    if (request.getHeaders().getContentLength() > maxBodyBytes) {
      return rejections.reject(exchange, Reason.BODY_TOO_LARGE); // nothing read
    }
    return body(request)
        .onErrorResume(
            DataBufferLimitException.class,
            e -> rejections.reject(exchange, Reason.BODY_TOO_LARGE).then(Mono.empty()))
        .flatMap(body -> verified(exchange, chain, body));
  }

  private boolean covers(ServerHttpRequest request) {
    for (PathPattern path : paths) {
      if (path.matches(request.getPath().pathWithinApplication())) {
        return true;
      }
    }
    return false;
  }

  /** The whole body, at most the limit; the joined buffer is released once copied. */
  private Mono<byte[]> body(ServerHttpRequest request) {
    return DataBufferUtils.join(request.getBody(), maxBodyBytes)
        .map(
            joined -> {
              try {
                // join() passes a body that is already one buffer through unchecked.
                if (joined.readableByteCount() > maxBodyBytes) {
                  throw new DataBufferLimitException("body exceeds " + maxBodyBytes);
                }
                byte[] bytes = new byte[joined.readableByteCount()];
                joined.read(bytes);
                return bytes;
              } finally {
                DataBufferUtils.release(joined);
              }
            })
        .defaultIfEmpty(EMPTY);
  }

  /** Verifies (or claims) off the event loop, then runs the chain on the verified exchange. */
  private Mono<Void> verified(ServerWebExchange exchange, WebFilterChain chain, byte[] body) {
    WebhookRequest request = webhookRequest(exchange.getRequest(), body);
    if (idempotent == null) {
      return Mono.fromCallable(() -> verifier.verify(request))
          .subscribeOn(Schedulers.boundedElastic())
          .onErrorResume(WebhookVerificationException.class, e -> reject(exchange, e))
          .flatMap(webhook -> chain.filter(VerifiedExchange.of(exchange, body, webhook)));
    }
    return Mono.defer(
        () -> {
          PendingClaim pending = new PendingClaim();
          return Mono.fromCallable(() -> pending.granted(idempotent.claim(request)))
              .subscribeOn(Schedulers.boundedElastic())
              .doOnCancel(pending::cancel)
              .onErrorResume(WebhookVerificationException.class, e -> reject(exchange, e))
              .flatMap(
                  granted -> {
                    ServerWebExchange verified =
                        VerifiedExchange.of(exchange, body, granted.webhook());
                    return Mono.usingWhen(
                        Mono.fromSupplier(pending::take)
                            .map(claimed -> Settlement.of(claimed, verified.getResponse())),
                        settlement -> chain.filter(verified),
                        Settlement::byStatus,
                        (settlement, error) -> settlement.release(),
                        Settlement::release);
                  });
        });
  }

  private <T> Mono<T> reject(ServerWebExchange exchange, WebhookVerificationException e) {
    return rejections.reject(exchange, e.reason()).then(Mono.empty());
  }

  private WebhookRequest webhookRequest(ServerHttpRequest http, byte[] body) {
    Map<String, List<String>> headers = headers(http);
    InetSocketAddress peer = http.getRemoteAddress();
    WebhookRequest.Builder request =
        WebhookRequest.builder()
            .method(http.getMethod().name())
            .uri(publicUrl.of(http.getURI(), name -> headers.getOrDefault(name, List.of())))
            .headers(headers::get)
            .body(body);
    if (peer != null) {
      request.remoteAddress(
          peer.getAddress() != null ? peer.getAddress().getHostAddress() : peer.getHostString());
    }
    return request.build();
  }

  /**
   * Every header, by case-insensitive name, with all its values as received: read through {@code
   * headerSet()}, whose signature is the same in Spring Framework 6.2 and 7 (the {@code Map}
   * methods of {@code HttpHeaders} are not), and never split at commas, which Stripe's signature
   * header holds.
   */
  private static Map<String, List<String>> headers(ServerHttpRequest http) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, List<String>> header : http.getHeaders().headerSet()) {
      headers
          .computeIfAbsent(header.getKey(), name -> new ArrayList<>(1))
          .addAll(header.getValue());
    }
    return headers;
  }

  @Override
  public String toString() {
    return "WebhookWebFilter{"
        + (idempotent != null ? idempotent : verifier)
        + ", paths="
        + paths
        + "}";
  }

  /** Builds a {@link WebhookWebFilter}; checks each input at once. Not thread-safe. */
  public static final class Builder {
    private final WebhookVerifier verifier;
    private final IdempotentVerifier idempotent;
    private final List<PathPattern> paths = new ArrayList<>();
    private PublicUrl publicUrl = PublicUrl.AS_RECEIVED;
    private RejectionHandler rejections = RejectionHandler.statusOnly();
    private int order = DEFAULT_ORDER;

    private Builder(WebhookVerifier verifier, IdempotentVerifier idempotent) {
      this.verifier = verifier;
      this.idempotent = idempotent;
    }

    /**
     * Adds a path the filter verifies, within the application's base path: an exact path such as
     * {@code /webhooks/stripe} or a {@link PathPattern} such as {@code /webhooks/github/**}. Every
     * request on it, whatever its method, must be a proven webhook. Call it once per path.
     *
     * @throws org.springframework.web.util.pattern.PatternParseException if it is not a valid
     *     pattern
     * @throws IllegalArgumentException if it does not start with {@code /}
     */
    public Builder path(String path) {
      requireNonNull(path, "path");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with '/': " + path);
      }
      paths.add(PathPatternParser.defaultInstance.parse(path));
      return this;
    }

    /**
     * The scheme, host and any path prefix the proxy removes, such as {@code
     * https://hooks.example.com} or {@code https://example.com/api}: the URL the sender signed is
     * this followed by the request's path and query as received. Default: the URL the server
     * received.
     *
     * @throws IllegalArgumentException if it is not an http or https URL with a host, or has user
     *     information, a query or a fragment
     */
    public Builder publicBaseUrl(String baseUrl) {
      requireNonNull(baseUrl, "baseUrl");
      if (!UriParts.isPlainHttpUrl(baseUrl)) {
        throw new IllegalArgumentException(
            "public base URL must be http(s)://host[:port][/prefix] without query: " + baseUrl);
      }
      this.publicUrl = PublicUrl.fixed(baseUrl);
      return this;
    }

    /**
     * Rebuilds the signed URL from {@code Forwarded} (RFC 7239) or {@code X-Forwarded-Proto},
     * {@code -Host}, {@code -Port} and {@code -Prefix}. Call it only when a proxy in front of the
     * application sets these headers, replacing what the client sent: anyone can send them. The
     * first value of each counts; a malformed one is ignored. Default: not trusted.
     */
    public Builder trustForwardedHeaders() {
      this.publicUrl = PublicUrl.FORWARDED;
      return this;
    }

    /** How rejections are answered; default {@link RejectionHandler#statusOnly()}. */
    public Builder rejectionHandler(RejectionHandler rejections) {
      this.rejections = requireNonNull(rejections, "rejections");
      return this;
    }

    /**
     * The filter's order among WebFlux filters; default {@value WebhookWebFilter#DEFAULT_ORDER}.
     */
    public Builder order(int order) {
      this.order = order;
      return this;
    }

    /**
     * The filter.
     *
     * @throws IllegalStateException if no {@link #path} was given
     */
    public WebhookWebFilter build() {
      if (paths.isEmpty()) {
        throw new IllegalStateException("a WebhookWebFilter needs at least one path");
      }
      return new WebhookWebFilter(this);
    }
  }
}
