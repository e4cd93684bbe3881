package dev.hookverify.spring.autoconfigure;

import static java.util.Objects.requireNonNull;

import dev.hookverify.IdempotentVerifier;
import dev.hookverify.WebhookVerifier;
import java.util.Optional;

/**
 * One configured webhook endpoint ({@code hookverify.endpoints.<name>}), built and checked at
 * start-up: the verifier for its sender and keys, the deduplicating verifier when a store is
 * configured, the path it serves and its body limit. The web stacks' filters are built from these.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Endpoint {
  private final String name;
  private final String provider;
  private final String path;
  private final WebhookVerifier verifier;
  private final IdempotentVerifier idempotent;

  Endpoint(
      String name,
      String provider,
      String path,
      WebhookVerifier verifier,
      IdempotentVerifier idempotent) {
    this.name = requireNonNull(name, "name");
    this.provider = requireNonNull(provider, "provider");
    this.path = requireNonNull(path, "path");
    this.verifier = requireNonNull(verifier, "verifier");
    this.idempotent = idempotent;
  }

  /** The endpoint's name: the key under {@code hookverify.endpoints}. */
  public String name() {
    return name;
  }

  /** The sender's registry name, such as {@code stripe}. */
  public String provider() {
    return provider;
  }

  /**
   * The path, as configured: exact ({@code /webhooks/stripe}) or a prefix ending in {@code /*}
   * ({@code /webhooks/tenants/*}), the Servlet URL-pattern forms. See {@link #matches(String)}.
   */
  public String path() {
    return path;
  }

  /** Whether {@code requestPath} (without the context path) is this endpoint's. */
  public boolean matches(String requestPath) {
    return Paths.matches(path, requestPath);
  }

  /** The verifier, with its listener and body limit. */
  public WebhookVerifier verifier() {
    return verifier;
  }

  /**
   * The deduplicating verifier over {@link #verifier()}; empty if deliveries are not deduplicated.
   */
  public Optional<IdempotentVerifier> idempotentVerifier() {
    return Optional.ofNullable(idempotent);
  }

  /** The largest body accepted, in bytes. */
  public int maxBodyBytes() {
    return verifier.maxBodyBytes();
  }

  @Override
  public String toString() {
    return "Endpoint{"
        + name
        + ", "
        + provider
        + ", "
        + path
        + (idempotent == null ? "" : ", idempotent")
        + "}";
  }
}
