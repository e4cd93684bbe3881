package dev.hookverify;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies incoming webhooks from one sender: returns a {@link VerifiedWebhook} or throws a {@link
 * WebhookVerificationException} with a {@link Reason}, and nothing else for any input.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.builder("github")
 *     .authenticator(HmacAuthenticator.builder(HmacAlgorithm.SHA256)
 *         .signatureHeader(
 *             SignatureHeader.builder("X-Hub-Signature-256").prefix("sha256=").build())
 *         .secret(WebhookSecret.ofUtf8(System.getenv("GITHUB_WEBHOOK_SECRET")))
 *         .build())
 *     .build();
 * }</pre>
 *
 * <p>The pipeline, cheapest checks first: the body size against the limit ({@link
 * Reason#BODY_TOO_LARGE}, before any hashing); then each {@link Authenticator} in order until one
 * proves the request (a scheme whose credential is absent is skipped; if none is present the reason
 * is {@link Reason#MISSING_SIGNATURE}, otherwise the first failing scheme's reason). The delivery
 * id is read later, from trusted bytes only, when first asked for. Every outcome goes to the {@link
 * VerificationListener}. A failure of application code called back (header lookup, resolvers) or of
 * the JCA provider rejects with {@link Reason#VERIFIER_ERROR}, so the sender retries.
 *
 * <p><b>Security guarantees.</b> A {@code VerifiedWebhook} is returned only when an authenticator
 * proved the request; see {@link HmacAuthenticator} and {@link TokenAuthenticator} for what each
 * proves. Rejection messages name at most a header, never a secret, a signature, a computed MAC or
 * body bytes, and carry no stack trace.
 *
 * <p>Instances are immutable and thread-safe; build one per sender at start-up and share it.
 */
public final class WebhookVerifier {
  /** The default body limit: 1 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

  private final String provider;
  private final List<Authenticator> authenticators;
  private final int maxBodyBytes;
  private final Clock clock;
  private final VerificationListener listener;
  private final DeliveryIdSource deliveryIds;
  private final AuthenticationContext context;
  private final Attempt tooLarge;

  private WebhookVerifier(Builder b) {
    this.provider = b.provider;
    this.authenticators = List.copyOf(b.authenticators);
    this.maxBodyBytes = b.maxBodyBytes;
    this.clock = b.clock;
    this.listener = b.listener;
    this.deliveryIds = b.deliveryIds;
    this.context = new AuthenticationContext(clock);
    this.tooLarge =
        Attempt.byVerifier(Reason.BODY_TOO_LARGE, "body exceeds " + maxBodyBytes + " bytes");
  }

  /** A builder for webhooks from {@code provider}, a short lower-case name used in events. */
  public static Builder builder(String provider) {
    return new Builder(provider);
  }

  /** The provider name. */
  public String provider() {
    return provider;
  }

  /** The clock timestamps and key windows are checked against. */
  public Clock clock() {
    return clock;
  }

  /** The largest body accepted, in bytes; an HTTP adapter reads no further. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Verifies {@code request}.
   *
   * @return the verified webhook
   * @throws WebhookVerificationException if it is not proven, with the reason
   */
  public VerifiedWebhook verify(WebhookRequest request) throws WebhookVerificationException {
    requireNonNull(request, "request");
    long start = listener == null ? 0 : System.nanoTime();
    Attempt outcome = outcome(request);
    if (!(outcome instanceof Attempt.Proven)) {
      WebhookVerificationException rejected = outcome.toException();
      notify(request, rejected.reason(), null, null, start);
      throw rejected; // created and thrown once, here: the engine passes rejections as values
    }
    Authentication authentication = ((Attempt.Proven) outcome).authentication();
    notify(request, null, authentication.keyId(), authentication.tenant().orElse(null), start);
    return new VerifiedWebhook(provider, authentication, deliveryIds, request);
  }

  /** Verifies without notifying the listener: {@link IdempotentVerifier} notifies once itself. */
  VerifiedWebhook verifyQuietly(WebhookRequest request) throws WebhookVerificationException {
    Attempt outcome = outcome(request);
    if (!(outcome instanceof Attempt.Proven)) {
      throw outcome.toException();
    }
    return new VerifiedWebhook(
        provider, ((Attempt.Proven) outcome).authentication(), deliveryIds, request);
  }

  /** The proof, or why there is none. */
  private Attempt outcome(WebhookRequest request) {
    if (request.bodyLength() > maxBodyBytes) {
      return tooLarge;
    }
    try {
      // The delivery id is read when first asked for: verification itself parses nothing.
      return authenticate(request);
    } catch (RuntimeException e) {
      // Application callbacks and JCA providers may throw; the contract is a Reason, never that.
      return Attempt.rejected(
          Reason.VERIFIER_ERROR, "verification failed inside a callback or provider", e);
    }
  }

  /** The first proof, or the outcome that explains why none was found. */
  private Attempt authenticate(WebhookRequest request) {
    Attempt first = null;
    Attempt missing = null;
    for (int i = 0; i < authenticators.size(); i++) {
      Attempt outcome = authenticators.get(i).attempt(request, context);
      if (outcome instanceof Attempt.Proven) {
        return outcome;
      }
      if (outcome == null) {
        throw new IllegalStateException(authenticators.get(i) + " answered null");
      }
      if (outcome instanceof Attempt.Absent) {
        missing = missing == null ? outcome : missing;
      } else if (first == null) {
        first = outcome;
      }
    }
    return first != null ? first : missing;
  }

  void notify(WebhookRequest request, Reason reason, String keyId, String tenant, long start) {
    if (listener == null) {
      return;
    }
    try {
      listener.onVerification(
          new VerificationEvent(
              provider, request, reason, keyId, tenant, System.nanoTime() - start));
    } catch (RuntimeException ignored) {
      // Observing must never change an outcome.
    }
  }

  long startTimer() {
    return listener == null ? 0 : System.nanoTime();
  }

  @Override
  public String toString() {
    return "WebhookVerifier{"
        + provider
        + ", "
        + authenticators
        + ", maxBody="
        + maxBodyBytes
        + "}";
  }

  /** Builds a {@link WebhookVerifier}; checks each input at once. Not thread-safe. */
  public static final class Builder {
    private final String provider;
    private final List<Authenticator> authenticators = new ArrayList<>();
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private Clock clock = Clock.systemUTC();
    private VerificationListener listener;
    private DeliveryIdSource deliveryIds;

    private Builder(String provider) {
      requireNonNull(provider, "provider");
      if (!provider.matches("[a-z0-9][a-z0-9._-]{0,62}")) {
        throw new IllegalArgumentException(
            "provider must be 1-63 lower-case letters, digits, '.', '_' or '-'");
      }
      this.provider = provider;
    }

    /**
     * Adds a scheme that can prove a request; with several, any one suffices (a sender that
     * authenticates with a Bearer token or an HMAC, for example).
     */
    public Builder authenticator(Authenticator authenticator) {
      authenticators.add(requireNonNull(authenticator, "authenticator"));
      return this;
    }

    /**
     * The largest body accepted, in bytes; default {@value #DEFAULT_MAX_BODY_BYTES}.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 0) {
        throw new IllegalArgumentException("maxBodyBytes < 0");
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** The clock timestamps and key windows are checked against; default system UTC. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Observes every outcome; default none. */
    public Builder listener(VerificationListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /** Where the delivery id is; default none. */
    public Builder deliveryId(DeliveryIdSource source) {
      this.deliveryIds = requireNonNull(source, "source");
      return this;
    }

    /**
     * The verifier.
     *
     * @throws IllegalStateException if no authenticator was added
     */
    public WebhookVerifier build() {
      if (authenticators.isEmpty()) {
        throw new IllegalStateException("at least one authenticator is required");
      }
      return new WebhookVerifier(this);
    }
  }
}
