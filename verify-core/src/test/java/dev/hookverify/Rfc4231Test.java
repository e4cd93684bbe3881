package dev.hookverify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 4231 test cases 1 to 7 for HMAC-SHA-256 and HMAC-SHA-512 through the public API. Keys and
 * data are built from their definitions in the RFC; the expected MACs are the RFC's. Case 5 is a
 * truncated output, which hookverify must reject.
 */
class Rfc4231Test {
  private static byte[] repeat(int b, int n) {
    byte[] out = new byte[n];
    Arrays.fill(out, (byte) b);
    return out;
  }

  private static byte[] range(int from, int toInclusive) {
    byte[] out = new byte[toInclusive - from + 1];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (from + i);
    }
    return out;
  }

  private static final byte[][] KEYS = {
    repeat(0x0b, 20),
    Signing.utf8("Jefe"),
    repeat(0xaa, 20),
    range(0x01, 0x19),
    repeat(0x0c, 20),
    repeat(0xaa, 131),
    repeat(0xaa, 131),
  };

  private static final byte[][] DATA = {
    Signing.utf8("Hi There"),
    Signing.utf8("what do ya want for nothing?"),
    repeat(0xdd, 50),
    repeat(0xcd, 50),
    Signing.utf8("Test With Truncation"),
    Signing.utf8("Test Using Larger Than Block-Size Key - Hash Key First"),
    Signing.utf8(
        "This is a test using a larger than block-size key and a larger than block-size"
            + " data. The key needs to be hashed before being used by the HMAC algorithm."),
  };

  private static final String[] SHA256 = {
    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
    "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
    "a3b6167473100ee06e0c796c2955552b",
    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
  };

  private static final String[] SHA512 = {
    "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
        + "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
    "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
        + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
    "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39"
        + "bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb",
    "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3db"
        + "a91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd",
    "415fad6271580a531d4179bc891d87a6",
    "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
        + "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598",
    "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944"
        + "b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58",
  };

  @Test
  void verify_rfc4231Cases_acceptFullTagsAndRejectTruncatedOnes() {
    List<String> failures = new ArrayList<>();
    check(HmacAlgorithm.SHA256, SHA256, failures);
    check(HmacAlgorithm.SHA512, SHA512, failures);
    assertThat(failures).isEmpty();
  }

  private static void check(HmacAlgorithm algorithm, String[] expected, List<String> failures) {
    for (int i = 0; i < KEYS.length; i++) {
      boolean truncated = expected[i].length() / 2 != algorithm.tagLength();
      String want = truncated ? "MALFORMED_SIGNATURE" : "ACCEPTED";
      // Upper-case hex must verify too.
      String tag = i % 2 == 0 ? expected[i] : expected[i].toUpperCase(java.util.Locale.ROOT);
      String got = outcome(algorithm, KEYS[i], DATA[i], tag);
      if (!want.equals(got)) {
        failures.add(algorithm + " case " + (i + 1) + ": expected " + want + ", got " + got);
      }
    }
  }

  private static String outcome(HmacAlgorithm algorithm, byte[] key, byte[] data, String tag) {
    WebhookVerifier verifier =
        WebhookVerifier.builder("rfc4231")
            .authenticator(
                HmacAuthenticator.builder(algorithm)
                    .signatureHeader(SignatureHeader.builder("X-Signature").build())
                    .secret(WebhookSecret.ofBytes(key))
                    .build())
            .build();
    try {
      verifier.verify(WebhookRequest.builder().header("x-signature", tag).body(data).build());
      return "ACCEPTED";
    } catch (WebhookVerificationException e) {
      return e.reason().name();
    }
  }
}
