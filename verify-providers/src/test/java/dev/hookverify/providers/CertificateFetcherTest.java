package dev.hookverify.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.hookverify.Attempt;
import dev.hookverify.CertificateFetcher;
import dev.hookverify.CertificateSignature;
import dev.hookverify.CertificateUrlPolicy;
import dev.hookverify.Reason;
import dev.hookverify.WebhookRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The optional certificate fetcher against a loopback HTTPS server (the JDK's HttpsServer, with a
 * certificate made here), its allow-list adjusted to that server: it fetches only allowed URLs,
 * never follows a redirect, stops at its size cap and timeout, caches by URL, remembers failures,
 * and rate-limits downloads so a forged flood cannot make it fetch per request. Never the internet.
 */
class CertificateFetcherTest {
  private static HttpsServer server;
  private static SSLContext clientTls;
  private static String base;
  private static final AtomicInteger hits = new AtomicInteger();
  private static KeyPair signer;
  private static String signerPem;

  @BeforeAll
  static void start() throws Exception {
    KeyPair serverKey = SigningCertificates.rsaKeyPair();
    Instant now = Instant.now();
    byte[] serverDer =
        SigningCertificates.selfSigned(
            serverKey, "localhost", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)));
    Certificate serverCertificate =
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(serverDer));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "server",
        serverKey.getPrivate(),
        "pw".toCharArray(),
        new Certificate[] {serverCertificate});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "pw".toCharArray());
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", serverCertificate);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, tmf.getTrustManagers(), null);

    signer = SigningCertificates.rsaKeyPair();
    signerPem =
        SigningCertificates.pem(
            SigningCertificates.selfSigned(
                signer,
                "sns.amazonaws.com",
                SigningCertificates.NOT_BEFORE,
                SigningCertificates.NOT_AFTER));

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    server.createContext(
        "/",
        exchange -> {
          hits.incrementAndGet();
          String path = exchange.getRequestURI().getPath();
          byte[] response;
          int status = 200;
          if (path.startsWith("/cert")) {
            response = signerPem.getBytes(StandardCharsets.US_ASCII);
          } else if (path.startsWith("/large")) {
            response = new byte[70_000];
            java.util.Arrays.fill(response, (byte) 'A');
          } else if (path.startsWith("/slow")) {
            try {
              Thread.sleep(6_000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            response = signerPem.getBytes(StandardCharsets.US_ASCII);
          } else if (path.startsWith("/redirect")) {
            exchange.getResponseHeaders().add("Location", base + "/cert.pem");
            status = 302;
            response = new byte[0];
          } else {
            response = "not a certificate".getBytes(StandardCharsets.US_ASCII);
          }
          exchange.sendResponseHeaders(status, response.length == 0 ? -1 : response.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(response);
          } catch (IOException closedByClient) {
            // the fetcher gave up first: what the timeout and size tests want
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    base = "https://localhost:" + server.getAddress().getPort();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  private static CertificateFetcher.Builder fetcher() {
    return CertificateFetcher.builder(
            CertificateUrlPolicy.builder()
                .host("localhost:" + server.getAddress().getPort())
                .build())
        .sslContext(clientTls)
        .timeout(Duration.ofSeconds(2));
  }

  @Test
  void certificates_allowedUrl_fetchedOnceThenCached() throws Exception {
    CertificateFetcher fetcher = fetcher().build();
    int before = hits.get();
    assertThat(fetcher.certificates(base + "/cert-a.pem")).hasSize(1);
    assertThat(fetcher.certificates(base + "/cert-a.pem")).hasSize(1);
    assertThat(hits.get() - before).isEqualTo(1);
  }

  @Test
  void certificates_urlOffTheAllowList_neverFetched() throws Exception {
    CertificateFetcher fetcher = fetcher().build();
    int before = hits.get();
    int port = server.getAddress().getPort();
    for (String url :
        List.of(
            "http://localhost:" + port + "/cert.pem",
            "https://localhost/cert.pem",
            "https://127.0.0.1:" + port + "/cert.pem",
            "https://localhost:" + (port + 1) + "/cert.pem",
            "https://user@localhost:" + port + "/cert.pem",
            "https://localhost:" + port + "/cert.pem?x")) {
      assertThat(fetcher.certificates(url)).as(url).isEmpty();
    }
    assertThat(hits.get()).isEqualTo(before);
  }

  @Test
  void certificates_oversizedSlowRedirectedOrNotPem_failWithoutRetryingForAMinute() {
    CertificateFetcher fetcher = fetcher().maxBytes(1024 * 8).build();
    for (String path : List.of("/large.pem", "/slow.pem", "/redirect.pem", "/text.pem")) {
      int before = hits.get();
      long started = System.nanoTime();
      assertThatThrownBy(() -> fetcher.certificates(base + path))
          .as(path)
          .isInstanceOf(IOException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
      assertThatThrownBy(() -> fetcher.certificates(base + path))
          .as(path + " again")
          .isInstanceOf(IOException.class)
          .hasMessageContaining("recently");
      assertThat(hits.get() - before).as(path).isEqualTo(1);
    }
    assertThat(hits.get()).isPositive();
  }

  @Test
  void forgedFlood_distinctUrls_fetchesNoMoreThanTheBudget() throws Exception {
    CertificateFetcher fetcher = fetcher().maxFetchesPerMinute(3).build();
    int before = hits.get();
    int refused = 0;
    for (int i = 0; i < 50; i++) {
      try {
        fetcher.certificates(base + "/cert-flood-" + i + ".pem");
      } catch (IOException budgetSpent) {
        refused++;
      }
    }
    assertThat(hits.get() - before).isEqualTo(3);
    assertThat(refused).isEqualTo(47);
  }

  @Test
  void forgedFlood_failingUrls_neverEvictOrStarveTheKnownCertificate() throws Exception {
    // Attack: forged messages name new allowed URLs that fail. Their failures filled the one LRU
    // cache and evicted the genuine certificate, and the flood kept the download budget spent, so
    // every genuine message was VERIFIER_ERROR for as long as the flood lasted (also after the
    // cache TTL expired, each day).
    java.util.concurrent.atomic.AtomicLong millis = new java.util.concurrent.atomic.AtomicLong();
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
          }
        };
    CertificateFetcher fetcher =
        fetcher()
            .cacheSize(2)
            .maxFetchesPerMinute(4)
            .cacheTtl(Duration.ofMinutes(1))
            .clock(clock)
            .build();
    String genuine = base + "/cert-genuine.pem";
    assertThat(fetcher.certificates(genuine)).hasSize(1);
    for (int i = 0; i < 3; i++) {
      String forged = base + "/text-flood-" + i + ".pem";
      assertThatThrownBy(() -> fetcher.certificates(forged)).isInstanceOf(IOException.class);
    }
    assertThat(fetcher.certificates(genuine)).as("evicted by failures").hasSize(1);
    // The TTL passes while the flood keeps the budget spent: the known certificate still answers.
    millis.addAndGet(Duration.ofMinutes(2).toMillis());
    for (int i = 3; i < 7; i++) {
      String forged = base + "/text-flood-" + i + ".pem";
      assertThatThrownBy(() -> fetcher.certificates(forged)).isInstanceOf(IOException.class);
    }
    assertThat(fetcher.certificates(genuine)).as("starved by the flood").hasSize(1);
  }

  @Test
  void certificateSignature_withTheFetcher_verifiesAndAFloodIsBounded() throws Exception {
    CertificateUrlPolicy urls =
        CertificateUrlPolicy.builder().host("localhost:" + server.getAddress().getPort()).build();
    CertificateSignature signature =
        CertificateSignature.builder(urls, fetcher().maxFetchesPerMinute(2).build())
            .algorithm("2", "SHA256withRSA")
            .subject("sns.amazonaws.com")
            .build();
    byte[] canonical = "Message\nhello\n".getBytes(StandardCharsets.UTF_8);
    String good =
        Signed.base64(SigningCertificates.sign("SHA256withRSA", signer.getPrivate(), canonical));
    WebhookRequest request = WebhookRequest.builder().body(new byte[0]).build();
    Clock clock = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
    Attempt proven =
        signature.verify(request, clock, "2", base + "/cert-e2e.pem", good, canonical, null);
    assertThat(proven).isInstanceOf(Attempt.Proven.class);
    int before = hits.get();
    int errors = 0;
    for (int i = 0; i < 30; i++) {
      Attempt forged =
          signature.verify(
              request, clock, "2", base + "/cert-e2e-" + i + ".pem", good, canonical, null);
      if (forged instanceof Attempt.Rejected
          && ((Attempt.Rejected) forged).reason() == Reason.VERIFIER_ERROR) {
        errors++;
      }
    }
    assertThat(hits.get() - before).isLessThanOrEqualTo(1);
    assertThat(errors).isGreaterThanOrEqualTo(29);
  }
}
