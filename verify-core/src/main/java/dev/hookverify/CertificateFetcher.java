package dev.hookverify;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * A {@link CertificateSource} that downloads certificates: never the default, an explicit choice
 * for applications that do not want to supply the sender's certificates themselves. Only URLs on
 * its own allow-list are fetched (in addition to the sender's {@link CertificateUrlPolicy}, which
 * is checked first), over https, without following redirects, within a timeout and a size cap, and
 * the result is kept in a small bounded cache keyed by URL.
 *
 * <p><b>Forged floods.</b> A forged message can name any allowed URL, so fetching is rate-limited:
 * at most {@link Builder#maxFetchesPerMinute} downloads a minute across all URLs (default {@value
 * #DEFAULT_FETCHES_PER_MINUTE}); past that, and for a minute after a URL failed, the source answers
 * {@link IOException} at once ({@link Reason#VERIFIER_ERROR}: the genuine sender retries). A
 * certificate found is cached for {@link Builder#cacheTtl} (default a day); the cache holds at most
 * {@link Builder#cacheSize} URLs (default 16), least recently used first out.
 *
 * <p>Instances are thread-safe; cached certificates are answered while a download runs.
 */
public final class CertificateFetcher implements CertificateSource {
  /** Downloads a minute, by default. */
  public static final int DEFAULT_FETCHES_PER_MINUTE = 6;

  private static final Duration FAILURE_TTL = Duration.ofMinutes(1);

  private final CertificateUrlPolicy allowList;
  private final Duration timeout;
  private final int maxBytes;
  private final int cacheSize;
  private final Duration cacheTtl;
  private final int fetchesPerMinute;
  private final SSLContext sslContext;
  private final Clock clock;
  private final Map<String, Cached> cache;
  private final Map<String, Cached> failures;
  private final long[] recentFetches;
  private int nextFetchSlot;

  private CertificateFetcher(Builder b) {
    this.allowList = b.allowList;
    this.timeout = b.timeout;
    this.maxBytes = b.maxBytes;
    this.cacheSize = b.cacheSize;
    this.cacheTtl = b.cacheTtl;
    this.fetchesPerMinute = b.fetchesPerMinute;
    this.sslContext = b.sslContext;
    this.clock = b.clock;
    this.cache = lru(cacheSize);
    // Failures are kept apart: a flood of failing URLs must never evict a certificate.
    this.failures = lru(cacheSize);
    this.recentFetches = new long[fetchesPerMinute];
    java.util.Arrays.fill(recentFetches, Long.MIN_VALUE);
  }

  private static Map<String, Cached> lru(int size) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
        return size() > size;
      }
    };
  }

  /** A builder that fetches only URLs {@code allowList} allows. */
  public static Builder builder(CertificateUrlPolicy allowList) {
    return new Builder(allowList);
  }

  @Override
  public List<X509Certificate> certificates(String url) throws IOException {
    if (!allowList.allows(url)) {
      return List.of(); // never fetched
    }
    Cached cached;
    synchronized (this) {
      long now = clock.millis();
      cached = cache.get(url);
      if (cached != null && now < cached.expiresAt) {
        return cached.certificates;
      }
      Cached failed = failures.get(url);
      if (failed != null && now < failed.expiresAt) {
        if (cached != null) {
          return cached.certificates; // stale but known; each is still checked for validity
        }
        throw new IOException("fetching the certificate failed recently: " + failed.failure);
      }
      // The slot taken a minute ago or later means the budget is spent: a flood gets no fetch.
      if (recentFetches[nextFetchSlot] > now - 60_000L) {
        if (cached != null) {
          // A flood that spends the budget must not make a known certificate unknown.
          return cached.certificates;
        }
        throw new IOException(
            "certificate fetch budget spent: at most " + fetchesPerMinute + " a minute");
      }
      recentFetches[nextFetchSlot] = now;
      nextFetchSlot = (nextFetchSlot + 1) % recentFetches.length;
    }
    // Downloaded outside the lock, so cached certificates keep answering meanwhile.
    try {
      List<X509Certificate> certificates = Pem.certificates(download(url));
      remember(url, new Cached(certificates, null, clock.millis() + cacheTtl.toMillis()));
      return certificates;
    } catch (IOException | IllegalArgumentException e) {
      String failure = e instanceof IOException ? "I/O failure" : e.getMessage();
      remember(url, new Cached(null, failure, clock.millis() + FAILURE_TTL.toMillis()));
      if (cached != null) {
        return cached.certificates; // the refresh failed: keep the certificate known
      }
      throw new IOException("fetching the certificate failed: " + failure, e);
    }
  }

  private synchronized void remember(String url, Cached entry) {
    if (entry.failure == null) {
      failures.remove(url);
      cache.put(url, entry);
    } else {
      failures.put(url, entry);
    }
  }

  private byte[] download(String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
    if (!(connection instanceof HttpsURLConnection)) {
      throw new IOException("not https");
    }
    if (sslContext != null) {
      ((HttpsURLConnection) connection).setSSLSocketFactory(sslContext.getSocketFactory());
    }
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    connection.setConnectTimeout(millis);
    connection.setReadTimeout(millis);
    connection.setInstanceFollowRedirects(false);
    connection.setUseCaches(false);
    connection.setRequestProperty("Accept", "application/x-pem-file, text/plain");
    long deadline = System.nanoTime() + timeout.toNanos() * 2;
    try {
      if (connection.getResponseCode() != 200) {
        throw new IOException("status " + connection.getResponseCode());
      }
      if (connection.getContentLengthLong() > maxBytes) {
        throw new IOException("over " + maxBytes + " bytes");
      }
      try (InputStream in = connection.getInputStream()) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int read;
        while ((read = in.read(buffer)) >= 0) {
          if (out.size() + read > maxBytes) {
            throw new IOException("over " + maxBytes + " bytes");
          }
          if (System.nanoTime() > deadline) {
            throw new IOException("slower than the timeout");
          }
          out.write(buffer, 0, read);
        }
        return out.toByteArray();
      }
    } finally {
      connection.disconnect();
    }
  }

  @Override
  public String toString() {
    return "CertificateFetcher{" + allowList + ", timeout=" + timeout + "}";
  }

  private static final class Cached {
    final List<X509Certificate> certificates;
    final String failure;
    final long expiresAt;

    Cached(List<X509Certificate> certificates, String failure, long expiresAt) {
      this.certificates = certificates;
      this.failure = failure;
      this.expiresAt = expiresAt;
    }
  }

  /** Builds a {@link CertificateFetcher}; checks each input at once. Not thread-safe. */
  public static final class Builder {
    private final CertificateUrlPolicy allowList;
    private Duration timeout = Duration.ofSeconds(5);
    private int maxBytes = Pem.MAX_PEM_CHARS;
    private int cacheSize = 16;
    private Duration cacheTtl = Duration.ofDays(1);
    private int fetchesPerMinute = DEFAULT_FETCHES_PER_MINUTE;
    private SSLContext sslContext;
    private Clock clock = Clock.systemUTC();

    private Builder(CertificateUrlPolicy allowList) {
      this.allowList = requireNonNull(allowList, "allowList");
    }

    /**
     * The connect and read timeout, each; a download also ends at twice it. Default 5 s.
     *
     * @throws IllegalArgumentException if not from 100 ms to 60 s
     */
    public Builder timeout(Duration timeout) {
      if (requireNonNull(timeout, "timeout").compareTo(Duration.ofMillis(100)) < 0
          || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
        throw new IllegalArgumentException("timeout from 100 ms to 60 s");
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The largest response read, in bytes; default and most {@value Pem#MAX_PEM_CHARS}.
     *
     * @throws IllegalArgumentException if not from 1 KiB to {@value Pem#MAX_PEM_CHARS}
     */
    public Builder maxBytes(int maxBytes) {
      if (maxBytes < 1024 || maxBytes > Pem.MAX_PEM_CHARS) {
        throw new IllegalArgumentException("maxBytes from 1024 to " + Pem.MAX_PEM_CHARS);
      }
      this.maxBytes = maxBytes;
      return this;
    }

    /**
     * How many URLs the cache holds; default 16.
     *
     * @throws IllegalArgumentException if not from 1 to 256
     */
    public Builder cacheSize(int size) {
      if (size < 1 || size > 256) {
        throw new IllegalArgumentException("cacheSize from 1 to 256");
      }
      this.cacheSize = size;
      return this;
    }

    /**
     * How long a fetched certificate is used before it is fetched again; default a day. Its
     * validity is checked on every message regardless.
     *
     * @throws IllegalArgumentException if not from 1 minute to 30 days
     */
    public Builder cacheTtl(Duration ttl) {
      if (requireNonNull(ttl, "ttl").compareTo(Duration.ofMinutes(1)) < 0
          || ttl.compareTo(Duration.ofDays(30)) > 0) {
        throw new IllegalArgumentException("cacheTtl from 1 minute to 30 days");
      }
      this.cacheTtl = ttl;
      return this;
    }

    /**
     * The most downloads a minute, across all URLs; default {@value #DEFAULT_FETCHES_PER_MINUTE}.
     *
     * @throws IllegalArgumentException if not from 1 to 60
     */
    public Builder maxFetchesPerMinute(int fetches) {
      if (fetches < 1 || fetches > 60) {
        throw new IllegalArgumentException("maxFetchesPerMinute from 1 to 60");
      }
      this.fetchesPerMinute = fetches;
      return this;
    }

    /** The TLS context to fetch with (a custom trust store, a proxy's CA); default the JDK's. */
    public Builder sslContext(SSLContext context) {
      this.sslContext = requireNonNull(context, "context");
      return this;
    }

    /** The clock the cache and the rate limit use; default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The fetcher. */
    public CertificateFetcher build() {
      return new CertificateFetcher(this);
    }
  }
}
