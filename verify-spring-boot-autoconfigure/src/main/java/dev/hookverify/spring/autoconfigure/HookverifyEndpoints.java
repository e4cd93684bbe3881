package dev.hookverify.spring.autoconfigure;

import java.util.List;
import java.util.Optional;

/**
 * Every configured {@link Endpoint}, in configuration order: the bean the web stacks' filters are
 * built from. Its {@link #paths()} serve an application's security configuration, which hookverify
 * never changes by itself:
 *
 * <pre>{@code
 * http.csrf(csrf -> csrf.ignoringRequestMatchers(endpoints.paths()))
 *     .authorizeHttpRequests(auth -> auth.requestMatchers(endpoints.paths()).permitAll());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class HookverifyEndpoints {
  private final List<Endpoint> all;

  HookverifyEndpoints(List<Endpoint> all) {
    this.all = List.copyOf(all);
  }

  /** Every endpoint, in configuration order. */
  public List<Endpoint> all() {
    return all;
  }

  /** The endpoint named {@code name}, if configured. */
  public Optional<Endpoint> byName(String name) {
    return all.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /**
   * Every endpoint's path, in the Servlet URL-pattern forms ({@code /webhooks/stripe}, {@code
   * /webhooks/tenants/*}).
   */
  public String[] paths() {
    return all.stream().map(Endpoint::path).toArray(String[]::new);
  }

  @Override
  public String toString() {
    return "HookverifyEndpoints" + all;
  }
}
