package dev.hookverify.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hookverify.Attempt;
import dev.hookverify.CertificateSignature;
import dev.hookverify.CertificateUrlPolicy;
import dev.hookverify.Pem;
import dev.hookverify.WebhookRequest;
import dev.hookverify.providers.AwsSns;
import dev.hookverify.providers.PayPal;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Certificate handling: fuzzed PEM text (only {@link IllegalArgumentException} may come out, and
 * what is read re-encodes to the DER that was read, at most {@link Pem#MAX_CERTIFICATES}); fuzzed
 * certificate URLs against SNS's and PayPal's policies (an allowed URL must read in {@link URI} as
 * https on the sender's host, without user information, port, query, fragment or dot segments); and
 * {@link CertificateSignature#verify} over fuzzed certificates, URLs and signatures, which must
 * answer with a value, never prove a fuzzed signature, and never look up a URL its policy refuses.
 */
class PemCertificateFuzzTest {
  private static final WebhookRequest REQUEST = WebhookRequest.builder().body(new byte[0]).build();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-07T00:00:00Z"), ZoneOffset.UTC);

  @FuzzTest(maxDuration = "5m")
  void certificates(FuzzedDataProvider data) throws Exception {
    int mode = data.consumeInt(0, 2);
    if (mode == 0) {
      String url = data.consumeRemainingAsString();
      check(AwsSns.CERTIFICATE_URLS, url, "sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");
      check(PayPal.CERTIFICATE_URLS, url, "api\\.(sandbox\\.)?paypal\\.com");
      return;
    }
    String pem;
    if (mode == 1) {
      pem = data.consumeRemainingAsString();
    } else {
      byte[] der = data.consumeRemainingAsBytes();
      pem =
          "-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder().encodeToString(der)
              + "\n-----END CERTIFICATE-----\n";
    }
    List<X509Certificate> certificates;
    try {
      certificates = Pem.certificates(pem);
    } catch (IllegalArgumentException refused) {
      certificates = null;
    }
    if (certificates != null) {
      assertThat(certificates).isNotEmpty().hasSizeLessThanOrEqualTo(Pem.MAX_CERTIFICATES);
      for (X509Certificate certificate : certificates) {
        assertThat(Pem.certificates(SignedPem.of(certificate.getEncoded())).get(0).getEncoded())
            .isEqualTo(certificate.getEncoded());
      }
    }
    List<X509Certificate> source = certificates == null ? List.of() : certificates;
    CertificateSignature signature =
        CertificateSignature.builder(AwsSns.CERTIFICATE_URLS, url -> source)
            .algorithm("1", "SHA1withRSA")
            .subject("sns.amazonaws.com")
            .build();
    byte[] fuzzedSignature =
        Arrays.copyOf(pem.getBytes(java.nio.charset.StandardCharsets.UTF_8), 256);
    Attempt attempt =
        signature.verify(
            REQUEST,
            CLOCK,
            "1",
            "https://sns.us-east-1.amazonaws.com/c.pem",
            Base64.getEncoder().encodeToString(fuzzedSignature),
            pem.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            null);
    assertThat(attempt).isNotInstanceOf(Attempt.Proven.class);
  }

  private static void check(CertificateUrlPolicy policy, String url, String hostPattern) {
    boolean[] looked = {false};
    CertificateSignature signature =
        CertificateSignature.builder(
                policy,
                u -> {
                  looked[0] = true;
                  return List.of();
                })
            .algorithm("2", "SHA256withRSA")
            .subject("sns.amazonaws.com")
            .build();
    signature.verify(REQUEST, CLOCK, "2", url, "AAAA", new byte[0], null);
    if (!policy.allows(url)) {
      assertThat(looked[0]).as("looked up a refused URL").isFalse();
      return;
    }
    URI uri = URI.create(url);
    assertThat(uri.getScheme()).isEqualTo("https");
    assertThat(uri.getRawUserInfo()).isNull();
    assertThat(uri.getPort()).isEqualTo(-1);
    assertThat(uri.getRawQuery()).isNull();
    assertThat(uri.getRawFragment()).isNull();
    assertThat(uri.getHost()).matches(hostPattern);
    assertThat(uri.getRawPath()).doesNotContain("/../", "/./", "//", "%");
    assertThat(uri.normalize().getRawPath()).isEqualTo(uri.getRawPath());
  }

  /** PEM of a DER certificate, as the fuzz target re-reads it. */
  private static final class SignedPem {
    static String of(byte[] der) {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder().encodeToString(der)
          + "\n-----END CERTIFICATE-----\n";
    }
  }
}
