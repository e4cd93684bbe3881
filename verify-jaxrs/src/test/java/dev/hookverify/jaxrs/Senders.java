package dev.hookverify.jaxrs;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.Signing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The test senders, signing with a bare JDK {@code Mac} (verify-core's {@link Signing}),
 * independently of the verifiers under test: Stripe (a timestamped HMAC over the body) and Twilio
 * (an HMAC over the URL and the sorted form parameters).
 */
final class Senders {
  static final String STRIPE_SECRET = "whsec_jaxrs_contract";
  static final String TWILIO_TOKEN = "twilio-auth-token";

  private Senders() {}

  /** Stripe's {@code Stripe-Signature} for {@code body} signed now. */
  static String stripe(byte[] body) {
    return stripe(body, Instant.now().getEpochSecond());
  }

  /** Stripe's {@code Stripe-Signature} for {@code body} signed at {@code epochSeconds}. */
  static String stripe(byte[] body, long epochSeconds) {
    byte[] mac =
        Signing.hmac(
            HmacAlgorithm.SHA256,
            Signing.utf8(STRIPE_SECRET),
            Signing.utf8(epochSeconds + "."),
            body);
    return "t=" + epochSeconds + ",v1=" + Signing.hex(mac);
  }

  /** Twilio's {@code X-Twilio-Signature} for a form posted to {@code url}. */
  static String twilio(String url, Map<String, String> form) {
    StringBuilder signed = new StringBuilder(url);
    new TreeMap<>(form).forEach((name, value) -> signed.append(name).append(value));
    return Signing.base64(
        Signing.hmac(
            HmacAlgorithm.SHA1,
            Signing.utf8(TWILIO_TOKEN),
            signed.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
