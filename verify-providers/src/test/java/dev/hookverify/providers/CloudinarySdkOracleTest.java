package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudinary.SignatureAlgorithm;
import com.cloudinary.Util;
import com.cloudinary.api.signing.NotificationRequestSignatureVerifier;
import com.cloudinary.utils.StringUtils;
import dev.hookverify.SecretSuffixDigestAuthenticator.Algorithm;
import dev.hookverify.WebhookVerifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * cloudinary-core (com.cloudinary:cloudinary-core) as an oracle in both directions, for SHA-1 and
 * SHA-256 accounts: its hash verifies with our verifier, our signer's headers verify with its
 * {@code NotificationRequestSignatureVerifier}, over random bodies (empty, non-ASCII, CRLF, 64
 * KiB), secrets and timestamps. The SDK signs no notification itself; its {@code Util.hash} over
 * {@code body + timestamp + secret} is what its verifier recomputes, so it stands in for the
 * sender.
 */
class CloudinarySdkOracleTest {
  private static final int ROUNDS = 40;
  private final RandomInputs random = new RandomInputs();
  private final List<String> failures = new ArrayList<>();

  private void check(boolean ok, String what) {
    if (!ok) {
      failures.add(what + " (seed " + RandomInputs.SEED + ")");
    }
  }

  @Test
  void cloudinaryCore_signsWhatWeVerifyAndVerifiesWhatWeSign() {
    for (Algorithm algorithm : Algorithm.values()) {
      SignatureAlgorithm theirAlgorithm =
          algorithm == Algorithm.SHA1 ? SignatureAlgorithm.SHA1 : SignatureAlgorithm.SHA256;
      String name = algorithm == Algorithm.SHA1 ? "cloudinary" : "cloudinary-sha256";
      for (int i = 0; i < ROUNDS; i++) {
        String secret = random.secret();
        String body = random.body(i);
        long now = Instant.now().getEpochSecond();
        long ts = now - random.nextInt(7000);
        String timestamp = Long.toString(ts);
        WebhookVerifier ours =
            Providers.byName(name).verifier(List.of(secret)).clock(at(now)).build();

        String theirs =
            StringUtils.encodeHexString(Util.hash(body + timestamp + secret, theirAlgorithm));
        Map<String, String> headers =
            Map.of("X-Cld-Signature", theirs, "X-Cld-Timestamp", timestamp);
        check(
            reasonOf(ours, request(headers, utf8(body))) == null,
            name + ": cloudinary-core hashed, we rejected, round " + i);
        check(
            reasonOf(ours, request(headers, utf8(body + "x"))) != null,
            name + ": we accepted a tampered body, round " + i);

        Map<String, String> signed = Cloudinary.sign(algorithm, secret, ts, utf8(body));
        NotificationRequestSignatureVerifier verifier =
            new NotificationRequestSignatureVerifier(secret, theirAlgorithm);
        check(
            verifier.verifySignature(
                body, signed.get("X-Cld-Timestamp"), signed.get("X-Cld-Signature"), 7200),
            name + ": we signed, cloudinary-core rejected, round " + i);
        check(
            !verifier.verifySignature(
                body + " ", signed.get("X-Cld-Timestamp"), signed.get("X-Cld-Signature"), 7200),
            name + ": cloudinary-core accepted a tampered body, round " + i);
      }
    }
    assertThat(failures).isEmpty();
  }
}
