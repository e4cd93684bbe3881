package dev.hookverify.providers;

import static java.util.Objects.requireNonNull;

import dev.hookverify.TimestampPolicy;
import dev.hookverify.WebhookRequest;
import dev.hookverify.internal.UriParts;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The options every sender is configured with the same way, from code or from configuration (the
 * command-line tool, the Spring Boot starter): the timestamp tolerance, the public URL the sender
 * calls when a proxy stands in front of the application, and whether legacy schemes are accepted. A
 * sender refuses, when its verifier is built, an option that does not apply to it ({@link
 * Provider#options()} lists the ones that do), so a misconfiguration fails at start-up.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ProviderOptions {
  /** An option a sender may support. */
  public enum Option {
    /** How old or far ahead a signed timestamp may be, both ways. */
    TOLERANCE,
    /** The URL the sender calls, for senders that sign the URL. */
    PUBLIC_URL,
    /** Accept the sender's legacy scheme (GitHub's and Meta's SHA-1, HubSpot's v1/v2). */
    LEGACY_SCHEMES
  }

  private static final ProviderOptions DEFAULTS = builder().build();

  private final Duration tolerance;
  private final String publicUrl;
  private final boolean legacySchemes;

  private ProviderOptions(Builder b) {
    this.tolerance = b.tolerance;
    this.publicUrl = b.publicUrl;
    this.legacySchemes = b.legacySchemes;
  }

  /** No option set: every sender's documented defaults, legacy schemes off. */
  public static ProviderOptions defaults() {
    return DEFAULTS;
  }

  /** A builder with no option set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The tolerance, if set; otherwise the sender's documented one applies. */
  public Optional<Duration> tolerance() {
    return Optional.ofNullable(tolerance);
  }

  /** The public URL, if set; otherwise the request's own URL is what the sender signed. */
  public Optional<String> publicUrl() {
    return Optional.ofNullable(publicUrl);
  }

  /** Whether legacy schemes are accepted; default false. */
  public boolean legacySchemes() {
    return legacySchemes;
  }

  /** The options that are set. */
  public Set<Option> set() {
    EnumSet<Option> set = EnumSet.noneOf(Option.class);
    if (tolerance != null) {
      set.add(Option.TOLERANCE);
    }
    if (publicUrl != null) {
      set.add(Option.PUBLIC_URL);
    }
    if (legacySchemes) {
      set.add(Option.LEGACY_SCHEMES);
    }
    return java.util.Collections.unmodifiableSet(set);
  }

  /**
   * Checks that only {@code supported} options are set, for sender {@code provider}.
   *
   * @return these options
   * @throws IllegalArgumentException naming the first option set that {@code provider} does not
   *     support
   */
  ProviderOptions allowOnly(String provider, Option... supported) {
    EnumSet<Option> unsupported = EnumSet.noneOf(Option.class);
    unsupported.addAll(set());
    for (Option option : supported) {
      unsupported.remove(option);
    }
    if (!unsupported.isEmpty()) {
      throw new IllegalArgumentException(
          provider + " does not support the option " + unsupported.iterator().next());
    }
    return this;
  }

  /** Seconds timestamps within the tolerance, or within {@code sendersDefault} if none is set. */
  TimestampPolicy secondsWithin(Duration sendersDefault) {
    return TimestampPolicy.secondsWithin(tolerance().orElse(sendersDefault));
  }

  /** The tolerance, or {@code sendersDefault} if none is set. */
  Duration toleranceOr(Duration sendersDefault) {
    return tolerance().orElse(sendersDefault);
  }

  /**
   * The URL the sender signed for {@code requestUri}: the public URL followed by the request's
   * query, or the request's URI when none is set. The query always comes from the request, which
   * the signature then covers: a configured URL never stands in for what was received.
   */
  String signedUrl(String requestUri) {
    if (publicUrl == null) {
      return requestUri;
    }
    int query = requestUri.indexOf('?');
    return query < 0 ? publicUrl : publicUrl + requestUri.substring(query);
  }

  /** {@link #signedUrl} for a request. */
  String signedUrl(WebhookRequest request) {
    return signedUrl(request.uri());
  }

  @Override
  public String toString() {
    return "ProviderOptions{"
        + (tolerance == null ? "" : "tolerance=" + tolerance + ", ")
        + (publicUrl == null ? "" : "publicUrl=" + UriParts.host(publicUrl) + ", ")
        + "legacySchemes="
        + legacySchemes
        + "}";
  }

  /** Builds {@link ProviderOptions}; checks each input at once. Not thread-safe. */
  public static final class Builder {
    private Duration tolerance;
    private String publicUrl;
    private boolean legacySchemes;

    private Builder() {}

    /**
     * How old or far ahead a signed timestamp may be, both ways.
     *
     * @throws IllegalArgumentException if shorter than one second
     */
    public Builder tolerance(Duration tolerance) {
      if (requireNonNull(tolerance, "tolerance").compareTo(Duration.ofSeconds(1)) < 0
          || tolerance.compareTo(Duration.ofDays(366)) > 0) {
        throw new IllegalArgumentException("tolerance must be from 1 s to 366 days");
      }
      this.tolerance = tolerance;
      return this;
    }

    /**
     * The URL the sender is configured to call, such as {@code
     * https://api.example.com/webhooks/twilio}: what URL-signing senders signed when a proxy or
     * load balancer stands between them and the application.
     *
     * @throws IllegalArgumentException if it is not an absolute http or https URL without user
     *     information, query or fragment (the query is the received request's)
     */
    public Builder publicUrl(String url) {
      if (!UriParts.isPlainHttpUrl(requireNonNull(url, "url"))) {
        throw new IllegalArgumentException(
            "publicUrl must be an absolute http(s) URL without user information, query or"
                + " fragment");
      }
      this.publicUrl = url;
      return this;
    }

    /** Whether to accept the sender's legacy scheme; default false. */
    public Builder legacySchemes(boolean accept) {
      this.legacySchemes = accept;
      return this;
    }

    /** The options. */
    public ProviderOptions build() {
      return new ProviderOptions(this);
    }
  }
}
