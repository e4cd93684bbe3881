package dev.hookverify.spring.autoconfigure;

import dev.hookverify.IdempotentVerifier;
import dev.hookverify.VerificationListener;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.IdempotencyStore;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import dev.hookverify.idempotency.JdbcIdempotencyStore;
import dev.hookverify.idempotency.RedisIdempotencyStore;
import dev.hookverify.providers.Provider;
import dev.hookverify.providers.ProviderOptions;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.logging.LoggingListener;
import dev.hookverify.spring.autoconfigure.HookverifyProperties.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and checks every endpoint from the properties. Each misconfiguration is a {@link
 * HookverifyConfigurationException} naming the property to fix; secrets are never quoted.
 */
final class EndpointFactory {
  private static final Logger LOG = LoggerFactory.getLogger(EndpointFactory.class);
  private static final String PREFIX = "hookverify.endpoints.";

  private final HookverifyProperties properties;
  private final IdempotencyStore store;
  private final Instrumentation instrumentation;
  private final Clock clock;

  /**
   * A factory over {@code properties}; {@code store} is the selected store or null, {@code
   * instrumentation} null without Micrometer.
   */
  EndpointFactory(
      HookverifyProperties properties,
      IdempotencyStore store,
      Instrumentation instrumentation,
      Clock clock) {
    this.properties = properties;
    this.store = store;
    this.instrumentation = instrumentation;
    this.clock = clock;
  }

  HookverifyEndpoints build() {
    IdempotencyStore deduplicating = selectedStore();
    List<Endpoint> endpoints = new ArrayList<>();
    for (Map.Entry<String, HookverifyProperties.Endpoint> entry :
        properties.getEndpoints().entrySet()) {
      Endpoint endpoint = endpoint(entry.getKey(), entry.getValue(), deduplicating);
      for (Endpoint other : endpoints) {
        if (Paths.overlap(other.path(), endpoint.path())) {
          throw new HookverifyConfigurationException(
              "Endpoints '"
                  + other.name()
                  + "' ("
                  + other.path()
                  + ") and '"
                  + endpoint.name()
                  + "' ("
                  + endpoint.path()
                  + ") serve the same path: a delivery there would be verified twice, for two"
                  + " senders.",
              "Give each endpoint its own path: set "
                  + PREFIX
                  + endpoint.name()
                  + ".path to a path no other endpoint covers.");
        }
      }
      endpoints.add(endpoint);
    }
    return new HookverifyEndpoints(endpoints);
  }

  /** The store deliveries are claimed in, metered if Micrometer is present; null for none. */
  private IdempotencyStore selectedStore() {
    Store kind = properties.getIdempotency().getStore();
    if (kind == Store.NONE || properties.getEndpoints().isEmpty()) {
      return null;
    }
    if (kind == Store.JDBC && !(store instanceof JdbcIdempotencyStore) && !custom(store)) {
      throw new HookverifyConfigurationException(
          "hookverify.idempotency.store is jdbc, but the application has no DataSource bean.",
          "Configure a DataSource (spring.datasource.url), or set hookverify.idempotency.store to"
              + " auto, memory, redis or none.");
    }
    if (kind == Store.REDIS && !(store instanceof RedisIdempotencyStore) && !custom(store)) {
      throw new HookverifyConfigurationException(
          "hookverify.idempotency.store is redis, but the application has no"
              + " RedisConnectionFactory bean.",
          "Add spring-boot-starter-data-redis and configure Redis (spring.data.redis.host), or set"
              + " hookverify.idempotency.store to auto, memory, jdbc or none.");
    }
    if (store == null) {
      return null;
    }
    String name = storeName(store);
    if (kind == Store.AUTO && store instanceof InMemoryIdempotencyStore) {
      LOG.warn(
          "hookverify: no DataSource or RedisConnectionFactory, so deliveries are deduplicated in"
              + " this instance's memory only; with several instances, or across restarts, set"
              + " hookverify.idempotency.store=jdbc or redis");
    }
    return instrumentation == null ? store : instrumentation.store(store, name);
  }

  private static boolean custom(IdempotencyStore store) {
    return store != null && storeName(store).equals("custom");
  }

  static String storeName(IdempotencyStore store) {
    if (store instanceof JdbcIdempotencyStore) {
      return "jdbc";
    }
    if (store instanceof RedisIdempotencyStore) {
      return "redis";
    }
    if (store instanceof InMemoryIdempotencyStore) {
      return "memory";
    }
    return "custom";
  }

  private Endpoint endpoint(
      String name, HookverifyProperties.Endpoint config, IdempotencyStore deduplicating) {
    String key = PREFIX + name;
    Provider provider = provider(key, config.getProvider());
    String pathProblem = Paths.problem(config.getPath());
    if (pathProblem != null) {
      throw new HookverifyConfigurationException(
          "Endpoint '" + name + "': " + key + ".path " + pathProblem + ".",
          "Set "
              + key
              + ".path to the path "
              + provider.name()
              + " posts to, such as /webhooks/"
              + provider.name()
              + ", or a prefix ending in /*.");
    }
    List<String> keys = keys(name, key, config, provider);
    ProviderOptions options = options(name, key, config, provider);
    WebhookVerifier.Builder builder;
    try {
      builder = provider.verifier(keys, options);
    } catch (IllegalArgumentException e) {
      // The registry's messages name the key's form or index, never its value.
      throw new HookverifyConfigurationException(
          "Endpoint '"
              + name
              + "': "
              + provider.name()
              + " refused its configuration: "
              + e.getMessage()
              + ".",
          "Check "
              + key
              + (provider.usesPublicKeys() ? ".public-keys" : ".secret/.secrets")
              + ": each must be in the form "
              + provider.name()
              + " hands out ("
              + provider.keyForm()
              + ").");
    }
    builder.clock(clock);
    if (config.getMaxBodySize() != null) {
      long bytes = config.getMaxBodySize().toBytes();
      if (bytes < 1 || bytes > Integer.MAX_VALUE) {
        throw new HookverifyConfigurationException(
            "Endpoint '" + name + "': " + key + ".max-body-size must be from 1B to 2047MB.",
            "Set " + key + ".max-body-size to a size such as 1MB or 256KB.");
      }
      builder.maxBodyBytes((int) bytes);
    }
    VerificationListener listener = listener(name);
    if (listener != null) {
      builder.listener(listener);
    }
    WebhookVerifier verifier = builder.build();
    IdempotentVerifier idempotent = null;
    if (deduplicating != null && config.isIdempotent()) {
      try {
        idempotent =
            IdempotentVerifier.builder(verifier, deduplicating)
                .lease(properties.getIdempotency().getLease())
                .retention(properties.getIdempotency().getRetention())
                .build();
      } catch (IllegalArgumentException e) {
        throw new HookverifyConfigurationException(
            "hookverify.idempotency: " + e.getMessage() + ".",
            "Set hookverify.idempotency.lease and .retention to positive durations, the retention"
                + " longer than the lease.");
      }
    }
    return new Endpoint(name, provider.name(), config.getPath(), verifier, idempotent);
  }

  private static Provider provider(String key, String name) {
    String known = Providers.all().stream().map(Provider::name).collect(Collectors.joining(", "));
    if (name == null || name.isBlank()) {
      throw new HookverifyConfigurationException(
          key + ".provider is not set.", "Set " + key + ".provider to one of: " + known + ".");
    }
    try {
      return Providers.byName(name);
    } catch (IllegalArgumentException e) {
      throw new HookverifyConfigurationException(
          key + ".provider is '" + name.strip() + "', which is not a known provider.",
          "Set " + key + ".provider to one of: " + known + ".");
    }
  }

  private static List<String> keys(
      String name, String key, HookverifyProperties.Endpoint config, Provider provider) {
    List<String> secrets = new ArrayList<>(config.getSecrets());
    boolean hasSecret = config.getSecret() != null;
    if (provider.usesPublicKeys()) {
      if (hasSecret || !secrets.isEmpty()) {
        throw new HookverifyConfigurationException(
            "Endpoint '"
                + name
                + "': "
                + provider.name()
                + " signs with a private key and is verified with its public keys, but a secret"
                + " is configured.",
            "Remove "
                + key
                + ".secret/.secrets and set "
                + key
                + ".public-keys[0] to the public key "
                + provider.name()
                + " publishes ("
                + provider.keyForm()
                + ").");
      }
      return checked(name, key + ".public-keys", config.getPublicKeys(), provider, "public key");
    }
    if (!config.getPublicKeys().isEmpty()) {
      throw new HookverifyConfigurationException(
          "Endpoint '"
              + name
              + "': "
              + provider.name()
              + " shares a secret with its receivers, but public keys are configured.",
          "Remove "
              + key
              + ".public-keys and set "
              + key
              + ".secret to the signing secret "
              + provider.name()
              + " gave you.");
    }
    if (hasSecret && !secrets.isEmpty()) {
      throw new HookverifyConfigurationException(
          "Endpoint '" + name + "' sets both " + key + ".secret and " + key + ".secrets.",
          "Set "
              + key
              + ".secret for one secret, or "
              + key
              + ".secrets[0], [1], ... while rotating; not both.");
    }
    if (hasSecret) {
      return checked(name, key + ".secret", List.of(config.getSecret()), provider, "secret");
    }
    return checked(name, key + ".secrets", secrets, provider, "secret");
  }

  private static List<String> checked(
      String name, String property, List<String> keys, Provider provider, String what) {
    String fix =
        "Set "
            + property
            + (property.endsWith("s") ? "[0]" : "")
            + " to the "
            + what
            + " "
            + provider.name()
            + " gave you, for example from an environment variable: "
            + property
            + (property.endsWith("s") ? "[0]" : "")
            + "=${"
            + name.toUpperCase(Locale.ROOT).replace('-', '_')
            + "_WEBHOOK_"
            + (what.equals("secret") ? "SECRET" : "PUBLIC_KEY")
            + "}";
    if (keys.isEmpty()) {
      throw new HookverifyConfigurationException(
          "Endpoint '" + name + "' has no " + what + ": " + property + " is not set.", fix + ".");
    }
    for (int i = 0; i < keys.size(); i++) {
      String value = keys.get(i);
      String at = property.endsWith("s") ? property + "[" + i + "]" : property;
      if (value == null || value.isBlank()) {
        throw new HookverifyConfigurationException(
            "Endpoint '" + name + "': " + at + " is blank (is its environment variable empty?).",
            fix + ".");
      }
      if (!value.equals(value.strip())) {
        throw new HookverifyConfigurationException(
            "Endpoint '"
                + name
                + "': "
                + at
                + " has leading or trailing whitespace (a YAML block scalar adds a newline).",
            "Remove the whitespace around " + at + "; in YAML, quote the value instead of |.");
      }
    }
    return keys;
  }

  private static ProviderOptions options(
      String name, String key, HookverifyProperties.Endpoint config, Provider provider) {
    Set<ProviderOptions.Option> set = EnumSet.noneOf(ProviderOptions.Option.class);
    ProviderOptions.Builder options = ProviderOptions.builder();
    try {
      if (config.getTolerance() != null) {
        set.add(ProviderOptions.Option.TOLERANCE);
        options.tolerance(config.getTolerance());
      }
      if (config.getPublicUrl() != null) {
        set.add(ProviderOptions.Option.PUBLIC_URL);
        options.publicUrl(config.getPublicUrl());
      }
    } catch (IllegalArgumentException e) {
      throw new HookverifyConfigurationException(
          "Endpoint '" + name + "': " + e.getMessage() + ".",
          "Fix "
              + key
              + (set.contains(ProviderOptions.Option.PUBLIC_URL) ? ".public-url" : ".tolerance")
              + ".");
    }
    if (config.isLegacySchemes()) {
      set.add(ProviderOptions.Option.LEGACY_SCHEMES);
      options.legacySchemes(true);
    }
    for (ProviderOptions.Option option : set) {
      if (!provider.options().contains(option)) {
        String supported =
            provider.options().isEmpty()
                ? "none"
                : provider.options().stream()
                    .map(EndpointFactory::property)
                    .collect(Collectors.joining(", "));
        throw new HookverifyConfigurationException(
            "Endpoint '"
                + name
                + "': "
                + provider.name()
                + " does not support "
                + key
                + "."
                + property(option)
                + " (it supports: "
                + supported
                + ").",
            "Remove " + key + "." + property(option) + ".");
      }
    }
    return options.build();
  }

  private static String property(ProviderOptions.Option option) {
    switch (option) {
      case TOLERANCE:
        return "tolerance";
      case PUBLIC_URL:
        return "public-url";
      default:
        return "legacy-schemes";
    }
  }

  /** Logging and metrics, combined; null if neither is on. */
  private VerificationListener listener(String endpoint) {
    List<VerificationListener> listeners = new ArrayList<>();
    if (properties.getLogging().isEnabled()) {
      listeners.add(new LoggingListener());
    }
    if (instrumentation != null) {
      listeners.add(instrumentation.listener(endpoint));
    }
    if (listeners.isEmpty()) {
      return null;
    }
    if (listeners.size() == 1) {
      return listeners.get(0);
    }
    List<VerificationListener> all = List.copyOf(listeners);
    return event -> {
      for (VerificationListener listener : all) {
        try {
          listener.onVerification(event);
        } catch (RuntimeException e) {
          // One observer failing must not keep the others from seeing the event.
          LOG.debug("hookverify: a verification listener failed", e);
        }
      }
    };
  }
}
