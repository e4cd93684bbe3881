package dev.hookverify.providers;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.WebhookSecret;
import java.util.Map;

/**
 * The most common convention: an HMAC of the raw body in one header, with an optional prefix.
 * Providers that sign this way describe themselves with one of these.
 */
final class BodyHmac {
  private final HmacAlgorithm algorithm;
  private final String header;
  private final String prefix;
  private final SignatureEncoding encoding;

  BodyHmac(HmacAlgorithm algorithm, String header, String prefix, SignatureEncoding encoding) {
    this.algorithm = algorithm;
    this.header = header;
    this.prefix = prefix;
    this.encoding = encoding;
  }

  HmacAuthenticator authenticator(KeyRing keys) {
    return HmacAuthenticator.builder(algorithm)
        .signatureHeader(SignatureHeader.builder(header).prefix(prefix).encoding(encoding).build())
        .signedContent(SignedContent.body())
        .keys(keys)
        .build();
  }

  /** The signature header value for {@code body}. */
  String signature(WebhookSecret secret, byte[] body) {
    byte[] tag =
        SignedContent.body()
            .hmac(algorithm, secret, Signed.request("POST", "", Map.of(), body), "");
    return prefix + (encoding == SignatureEncoding.HEX ? Signed.hex(tag) : Signed.base64(tag));
  }

  Map<String, String> sign(WebhookSecret secret, byte[] body) {
    return Signed.headers(header, signature(secret, body));
  }
}
