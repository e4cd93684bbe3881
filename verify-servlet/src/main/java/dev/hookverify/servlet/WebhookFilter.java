package dev.hookverify.servlet;

import static java.util.Objects.requireNonNull;

import dev.hookverify.ClaimedDelivery;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.InboxVerifier;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.internal.UriParts;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A servlet filter that verifies webhooks before the application sees them: it reads the body
 * within the verifier's limit, verifies (and, with an {@link IdempotentVerifier}, claims) the
 * delivery, and passes on a request that replays the verified bytes, with the {@link
 * VerifiedWebhook} as the attribute {@link VerifiedWebhooks#ATTRIBUTE}. Anything not proven is
 * answered by the {@link RejectionHandler} and never reaches the application.
 *
 * <p>Map it to the webhook paths only: requests elsewhere never reach it, so an upload or a form
 * elsewhere in the application is not read. It acts on {@code REQUEST} dispatches and passes any
 * other dispatch (error pages, forwards, async dispatches) through untouched, so a failing handler
 * is not verified twice.
 *
 * <ul>
 *   <li><b>Body limit.</b> A {@code Content-Length} over the verifier's {@link
 *       WebhookVerifier#maxBodyBytes() limit} is 413 before anything is read; a body without one
 *       (chunked) is read one byte past the limit and then is 413.
 *   <li><b>The signed URL.</b> Rebuilt as the container received it (scheme, host, port, raw path
 *       and query); behind a proxy, from {@link Builder#publicBaseUrl} or, only when the
 *       application says its proxy sets them, from forwarded headers ({@link
 *       Builder#trustForwardedHeaders}).
 *   <li><b>Downstream.</b> {@code getInputStream()} and {@code getReader()} replay the verified
 *       bytes; a {@code POST} form's parameters ({@code getParameter}) are read from them,
 *       strictly, so a form handler (Twilio, Slack) works unchanged and reads what was verified.
 *       Multipart parts are not parsed on a webhook path ({@code getParts()} throws).
 *   <li><b>Idempotency.</b> The claim is completed when the handler answers 2xx and released when
 *       it throws or answers anything else, so the sender's retry is processed. An asynchronous
 *       handler ({@code startAsync}; register the filter with async support) settles when the
 *       request completes: released on an error or a timeout. If recording completion fails the
 *       handler's answer stands and the claim lapses after its lease.
 *   <li><b>Rejections.</b> By default the status of the {@link Reason} with no body, {@code
 *       Cache-Control: no-store}, and {@code Retry-After} on 409 and 503; never the reason's text
 *       unless {@link RejectionHandler#revealingReason()} is chosen.
 *   <li><b>Listeners.</b> The verifier's listener sees the peer's address and the request path.
 * </ul>
 *
 * <p>In <b>inbox mode</b> ({@link #builder(InboxVerifier)}) the filter itself answers: it verifies
 * and stores the delivery in the {@link dev.hookverify.inbox.DeliveryInbox} and acknowledges the
 * sender at once, without calling the rest of the chain; the application's {@link
 * dev.hookverify.inbox.DeliveryHandler} runs later in {@link dev.hookverify.inbox.InboxWorkers}.
 * The answer never waits for the handler, so a sender's deadline (GitHub's is 10 seconds) is met
 * however long processing takes.
 *
 * <ul>
 *   <li><b>Stored now or before.</b> The {@link Builder#acknowledgement(int) acknowledgement}: by
 *       default a bare 200 with {@code Cache-Control: no-store}. A duplicate ({@link
 *       Reason#DUPLICATE_DELIVERY}: the inbox held it already, whatever its processing status) gets
 *       the same answer, so a sender that checks the answer (Adyen's {@code [accepted]}) stops
 *       retrying a delivery the inbox holds.
 *   <li><b>The inbox unavailable.</b> {@link Reason#IDEMPOTENCY_STORE_UNAVAILABLE}, answered by the
 *       {@link RejectionHandler} (by default 503 with {@code Retry-After}): nothing was
 *       acknowledged, so the sender's retry loses nothing.
 *   <li><b>Anything not proven</b>, and a body over the limit: as in the other modes.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class WebhookFilter implements Filter {
  private final WebhookVerifier verifier;
  private final IdempotentVerifier idempotent;
  private final InboxVerifier inbox;
  private final Acknowledgement acknowledgement;
  private final int maxBodyBytes;
  private final PublicUrl publicUrl;
  private final RejectionHandler rejections;

  private WebhookFilter(Builder b) {
    this.verifier = b.verifier;
    this.idempotent = b.idempotent;
    this.inbox = b.inbox;
    this.acknowledgement = b.acknowledgement;
    this.maxBodyBytes =
        b.inbox != null
            ? b.inbox.maxBodyBytes()
            : b.idempotent != null ? b.idempotent.maxBodyBytes() : b.verifier.maxBodyBytes();
    this.publicUrl = b.publicUrl;
    this.rejections = b.rejections;
  }

  /** A filter that verifies with {@code verifier}, with the default options. */
  public static WebhookFilter of(WebhookVerifier verifier) {
    return builder(verifier).build();
  }

  /** A filter that verifies and deduplicates with {@code verifier}, with the default options. */
  public static WebhookFilter of(IdempotentVerifier verifier) {
    return builder(verifier).build();
  }

  /**
   * A filter in inbox mode that verifies and stores with {@code verifier} and acknowledges at once,
   * with the default options.
   */
  public static WebhookFilter of(InboxVerifier verifier) {
    return builder(verifier).build();
  }

  /** A builder for a filter that verifies with {@code verifier}. */
  public static Builder builder(WebhookVerifier verifier) {
    return new Builder(requireNonNull(verifier, "verifier"), null, null);
  }

  /** A builder for a filter that verifies and deduplicates with {@code verifier}. */
  public static Builder builder(IdempotentVerifier verifier) {
    return new Builder(null, requireNonNull(verifier, "verifier"), null);
  }

  /**
   * A builder for a filter in inbox mode: it verifies and stores each delivery with {@code
   * verifier} and answers the sender itself, never calling the rest of the chain.
   */
  public static Builder builder(InboxVerifier verifier) {
    return new Builder(null, null, requireNonNull(verifier, "verifier"));
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (req.getDispatcherType() != DispatcherType.REQUEST
        || !(req instanceof HttpServletRequest)
        || !(res instanceof HttpServletResponse)) {
      chain.doFilter(req, res);
      return;
    }
    HttpServletRequest http = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    long declaredLength = http.getContentLengthLong();
    if (declaredLength > maxBodyBytes) {
      rejections.reject(http, response, Reason.BODY_TOO_LARGE); // nothing read
      return;
    }
    byte[] body;
    try {
      body = WebhookRequest.readBody(http.getInputStream(), declaredLength, maxBodyBytes);
    } catch (WebhookVerificationException e) {
      rejections.reject(http, response, e.reason());
      return;
    }
    WebhookRequest.Builder builder =
        WebhookRequest.builder().method(http.getMethod()).uri(publicUrl.of(http)).body(body);
    copyHeaders(http, builder);
    String remoteAddress = http.getRemoteAddr();
    if (remoteAddress != null) {
      builder.remoteAddress(remoteAddress);
    }
    WebhookRequest request = builder.build();
    if (inbox != null) {
      accept(http, response, request);
      return;
    }
    if (idempotent == null) {
      VerifiedWebhook webhook;
      try {
        webhook = verifier.verify(request);
      } catch (WebhookVerificationException e) {
        rejections.reject(http, response, e.reason());
        return;
      }
      chain.doFilter(new BufferedRequest(http, response, body, webhook), response);
      return;
    }
    ClaimedDelivery delivery;
    try {
      delivery = idempotent.claim(request);
    } catch (WebhookVerificationException e) {
      rejections.reject(http, response, e.reason());
      return;
    }
    BufferedRequest verified = new BufferedRequest(http, response, body, delivery.webhook());
    Settlement settlement = new Settlement(delivery, response);
    try {
      chain.doFilter(verified, response);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      settlement.release(); // the sender's retry is processed
      throw e;
    }
    if (http.isAsyncStarted()) {
      http.getAsyncContext().addListener(settlement); // settles when the request completes
    } else {
      settlement.settle();
    }
  }

  /** Inbox mode: stores the delivery and answers the sender; the chain is not called. */
  private void accept(HttpServletRequest http, HttpServletResponse response, WebhookRequest request)
      throws IOException {
    try {
      inbox.accept(request);
    } catch (WebhookVerificationException e) {
      if (e.reason() != Reason.DUPLICATE_DELIVERY) {
        rejections.reject(http, response, e.reason());
        return;
      }
      // Stored before: the sender gets the same answer, so it stops retrying.
    }
    acknowledgement.answer(response);
  }

  /**
   * Copies the headers (bounded by the container's header limits): the verified webhook outlives
   * the request, and reads its delivery id lazily, possibly on a worker after the container has
   * recycled the request object for another delivery.
   */
  static void copyHeaders(HttpServletRequest http, WebhookRequest.Builder builder) {
    Enumeration<String> names = http.getHeaderNames();
    if (names == null) { // the container does not list them: look them up as asked
      builder.headers(name -> values(http.getHeaders(name)));
      return;
    }
    while (names.hasMoreElements()) {
      String name = names.nextElement();
      if (builder.hasHeader(name)) {
        continue; // another spelling of a name listed before: getHeaders ignores case
      }
      Enumeration<String> values = http.getHeaders(name);
      while (values != null && values.hasMoreElements()) {
        builder.header(name, values.nextElement());
      }
    }
  }

  private static List<String> values(Enumeration<String> headers) {
    return headers == null ? List.of() : Collections.list(headers);
  }

  @Override
  public String toString() {
    if (inbox != null) {
      return "WebhookFilter{" + inbox + ", acknowledgement=" + acknowledgement + "}";
    }
    return "WebhookFilter{" + (idempotent != null ? idempotent : verifier) + "}";
  }

  /** Builds a {@link WebhookFilter}; checks each input at once. Not thread-safe. */
  public static final class Builder {
    private final WebhookVerifier verifier;
    private final IdempotentVerifier idempotent;
    private final InboxVerifier inbox;
    private Acknowledgement acknowledgement = Acknowledgement.DEFAULT;
    private PublicUrl publicUrl = PublicUrl.AS_RECEIVED;
    private RejectionHandler rejections = RejectionHandler.statusOnly();

    private Builder(WebhookVerifier verifier, IdempotentVerifier idempotent, InboxVerifier inbox) {
      this.verifier = verifier;
      this.idempotent = idempotent;
      this.inbox = inbox;
    }

    /**
     * Inbox mode only: answers a delivery the inbox holds (stored now, or a duplicate) with {@code
     * status} and no body. Default: 200, which every sender counts as delivered (some count nothing
     * else); 202 says "accepted, not yet processed" to senders that take any 2xx.
     *
     * @throws IllegalArgumentException if {@code status} is not 2xx
     * @throws IllegalStateException if this builder is not for an {@link InboxVerifier}
     */
    public Builder acknowledgement(int status) {
      return acknowledgement(status, "");
    }

    /**
     * Inbox mode only: answers a delivery the inbox holds (stored now, or a duplicate) with {@code
     * status} and the fixed {@code body} as {@code text/plain; charset=UTF-8}, for senders that
     * read the answer: Adyen's standard notifications want {@code acknowledgement(200,
     * "[accepted]")}. The body is the same for every delivery and says nothing about it.
     *
     * @throws IllegalArgumentException if {@code status} is not 2xx, or is 204 or 205 (no content)
     *     with a non-empty body
     * @throws IllegalStateException if this builder is not for an {@link InboxVerifier}
     */
    public Builder acknowledgement(int status, String body) {
      requireNonNull(body, "body");
      if (inbox == null) {
        throw new IllegalStateException(
            "an acknowledgement is the inbox mode's answer; the application answers otherwise");
      }
      this.acknowledgement = Acknowledgement.of(status, body);
      return this;
    }

    /**
     * The scheme, host and any path prefix the proxy removes, such as {@code
     * https://hooks.example.com} or {@code https://example.com/api}: the URL the sender signed is
     * this followed by the request's path and query as received. Default: the URL the container
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

    /** The filter. */
    public WebhookFilter build() {
      return new WebhookFilter(this);
    }
  }
}
