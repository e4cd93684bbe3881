package dev.hookverify.providers;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.SignedContent;
import dev.hookverify.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

/**
 * The signing side of the JWS senders: compact tokens exactly as Vonage, Netlify, Google, Apple.
 */
final class Jws {
  private Jws() {}

  /** base64url without padding, as JWS writes every segment. */
  static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String base64Url(String text) {
    return base64Url(text.getBytes(StandardCharsets.UTF_8));
  }

  /** An HS256 token of {@code headerJson} and {@code claimsJson}, keyed with {@code secret}. */
  static String hs256(WebhookSecret secret, String headerJson, String claimsJson) {
    String input = base64Url(headerJson) + "." + base64Url(claimsJson);
    byte[] tag =
        SignedContent.body()
            .hmac(
                HmacAlgorithm.SHA256,
                secret,
                Signed.request("POST", "", Map.of(), input.getBytes(StandardCharsets.US_ASCII)),
                "");
    return input + "." + base64Url(tag);
  }

  /**
   * A token signed with {@code key} by the JCA algorithm {@code jcaName} ({@code SHA256withRSA}, or
   * {@code SHA256withECDSAinP1363Format} for ES256's {@code r || s}).
   */
  static String signed(String jcaName, PrivateKey key, String headerJson, String claimsJson) {
    String input = base64Url(headerJson) + "." + base64Url(claimsJson);
    try {
      Signature signature = Signature.getInstance(jcaName);
      signature.initSign(key);
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + base64Url(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
    }
  }

  /** {@code text} as a JSON string literal. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
