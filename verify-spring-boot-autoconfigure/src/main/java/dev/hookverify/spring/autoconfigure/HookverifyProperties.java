package dev.hookverify.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of hookverify's webhook endpoints, under the prefix {@code hookverify}: one entry
 * of {@code hookverify.endpoints} per sender, and how deliveries are deduplicated.
 *
 * <p>Bound and checked at start-up; not thread-safe while binding, read-only afterwards.
 */
@ConfigurationProperties(prefix = "hookverify")
public class HookverifyProperties {
  /** Whether to verify the configured webhook endpoints. */
  private boolean enabled = true;

  /**
   * Endpoints by name; the name appears in metrics, logs and start-up errors. Use lower-case names
   * without dashes if they are set from environment variables.
   */
  private Map<String, Endpoint> endpoints = new LinkedHashMap<>();

  private final Filter filter = new Filter();

  private final Idempotency idempotency = new Idempotency();

  private final Metrics metrics = new Metrics();

  private final Logging logging = new Logging();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Map<String, Endpoint> getEndpoints() {
    return endpoints;
  }

  public void setEndpoints(Map<String, Endpoint> endpoints) {
    this.endpoints = endpoints;
  }

  public Filter getFilter() {
    return filter;
  }

  public Idempotency getIdempotency() {
    return idempotency;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  public Logging getLogging() {
    return logging;
  }

  /** One webhook endpoint: a sender, the path it posts to, and its keys. */
  public static class Endpoint {
    /** Registered name of the sender, such as stripe, github or twilio. */
    private String provider;

    /**
     * Path the sender posts to, such as /webhooks/stripe, or a prefix ending in /* for several
     * paths.
     */
    private String path;

    /** Signing secret the sender gave out; a shortcut for a single entry of secrets. */
    private String secret;

    /**
     * Signing secrets, newest last: during a rotation a delivery signed with any of them is
     * accepted.
     */
    private List<String> secrets = new ArrayList<>();

    /** Public keys of a sender that signs with a private key (Discord, SendGrid). */
    private List<String> publicKeys = new ArrayList<>();

    /**
     * How old or far ahead a signed timestamp may be, both ways; the sender's documented default if
     * unset. Only for senders that sign a timestamp.
     */
    private Duration tolerance;

    /**
     * URL the sender is configured to call, for senders that sign the URL (Twilio, Square, HubSpot)
     * when a proxy stands in front of the application.
     */
    private String publicUrl;

    /** Largest body accepted; a larger delivery is answered 413 without being read. */
    private DataSize maxBodySize;

    /** Whether to accept the sender's legacy signature scheme (GitHub's SHA-1, say). */
    private boolean legacySchemes;

    /** Whether deliveries to this endpoint are deduplicated, when a store is configured. */
    private boolean idempotent = true;

    public String getProvider() {
      return provider;
    }

    public void setProvider(String provider) {
      this.provider = provider;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public String getSecret() {
      return secret;
    }

    public void setSecret(String secret) {
      this.secret = secret;
    }

    public List<String> getSecrets() {
      return secrets;
    }

    public void setSecrets(List<String> secrets) {
      this.secrets = secrets;
    }

    public List<String> getPublicKeys() {
      return publicKeys;
    }

    public void setPublicKeys(List<String> publicKeys) {
      this.publicKeys = publicKeys;
    }

    public Duration getTolerance() {
      return tolerance;
    }

    public void setTolerance(Duration tolerance) {
      this.tolerance = tolerance;
    }

    public String getPublicUrl() {
      return publicUrl;
    }

    public void setPublicUrl(String publicUrl) {
      this.publicUrl = publicUrl;
    }

    public DataSize getMaxBodySize() {
      return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
      this.maxBodySize = maxBodySize;
    }

    public boolean isLegacySchemes() {
      return legacySchemes;
    }

    public void setLegacySchemes(boolean legacySchemes) {
      this.legacySchemes = legacySchemes;
    }

    public boolean isIdempotent() {
      return idempotent;
    }

    public void setIdempotent(boolean idempotent) {
      this.idempotent = idempotent;
    }
  }

  /** The servlet filter that verifies each endpoint. */
  public static class Filter {
    /**
     * Order of the verifying filters: before Spring Security (-100), FormContentFilter (-9900) and
     * HiddenHttpMethodFilter (-10000), so nothing reads the body first.
     */
    private int order = -10500;

    public int getOrder() {
      return order;
    }

    public void setOrder(int order) {
      this.order = order;
    }
  }

  /** Deduplication of deliveries: each is handled once, even when the sender retries. */
  public static class Idempotency {
    /**
     * Where claims on deliveries are kept: auto picks jdbc with a DataSource, else redis with a
     * RedisConnectionFactory, else memory; none turns deduplication off.
     */
    private Store store = Store.AUTO;

    /**
     * How long a claimed delivery is held while its handler runs; a retry within it is answered
     * 409.
     */
    private Duration lease = Duration.ofMinutes(5);

    /** How long a handled delivery is remembered, so that a late retry is answered 200. */
    private Duration retention = Duration.ofDays(31);

    /** Table of the jdbc store, optionally schema-qualified. */
    private String table = "hookverify_delivery";

    /** When to create the jdbc store's table at start-up. */
    private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

    /** Prefix of the redis store's keys. */
    private String keyPrefix = "hookverify:";

    /** Most deliveries the memory store remembers; the oldest are forgotten first. */
    private int maxKeys = 100_000;

    public Store getStore() {
      return store;
    }

    public void setStore(Store store) {
      this.store = store;
    }

    public Duration getLease() {
      return lease;
    }

    public void setLease(Duration lease) {
      this.lease = lease;
    }

    public Duration getRetention() {
      return retention;
    }

    public void setRetention(Duration retention) {
      this.retention = retention;
    }

    public String getTable() {
      return table;
    }

    public void setTable(String table) {
      this.table = table;
    }

    public SchemaInitialization getInitializeSchema() {
      return initializeSchema;
    }

    public void setInitializeSchema(SchemaInitialization initializeSchema) {
      this.initializeSchema = initializeSchema;
    }

    public String getKeyPrefix() {
      return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
    }

    public int getMaxKeys() {
      return maxKeys;
    }

    public void setMaxKeys(int maxKeys) {
      this.maxKeys = maxKeys;
    }
  }

  /** Where claims on deliveries are kept. */
  public enum Store {
    /** jdbc with a DataSource, else redis with a RedisConnectionFactory, else memory. */
    AUTO,
    /** In this instance's memory: deduplicates only what reaches this instance. */
    MEMORY,
    /** In a table of the application's DataSource. */
    JDBC,
    /** In the application's Redis, through its RedisConnectionFactory. */
    REDIS,
    /** Not deduplicated. */
    NONE
  }

  /** When to create the jdbc store's table, as Spring does for its own tables. */
  public enum SchemaInitialization {
    /** Only for an embedded database (H2, HSQLDB, Derby). */
    EMBEDDED,
    /** Always, if it does not exist. */
    ALWAYS,
    /** Never: the table is created by the application's migrations. */
    NEVER
  }

  /** Meters, when Micrometer and a MeterRegistry are present. */
  public static class Metrics {
    /** Whether to record verifications and store operations in the MeterRegistry. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Logging of verifications to the logger dev.hookverify.verification. */
  public static class Logging {
    /** Whether to log rejections at WARN and acceptances at DEBUG. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
