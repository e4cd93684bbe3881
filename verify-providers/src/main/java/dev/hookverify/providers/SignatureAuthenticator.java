package dev.hookverify.providers;

import dev.hookverify.Authentication;
import dev.hookverify.AuthenticationContext;
import dev.hookverify.Authenticator;
import dev.hookverify.ContentSink;
import dev.hookverify.Proof;
import dev.hookverify.Reason;
import dev.hookverify.SignedContent;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Verifies a public-key signature (Ed25519, ECDSA) over a {@link SignedContent}: the signature
 * header is parsed into candidate signatures, the timestamp checked if the scheme has one, and the
 * content fed to a {@link Signature} per key, part by part. Accepts when any candidate verifies
 * under any key; a signature is never compared as text.
 */
final class SignatureAuthenticator implements Authenticator {
  /** The longest signature header read, in characters. */
  static final int MAX_HEADER_LENGTH = 4096;

  /** The most candidate signatures tried. */
  static final int MAX_CANDIDATES = 8;

  private final String algorithm;
  private final String signatureHeader;
  private final Function<String, List<byte[]>> candidates;
  private final SignedContent content;
  private final String timestampHeader;
  private final TimestampPolicy timestampPolicy;
  private final Map<String, PublicKey> keys;
  private final PublicKeys.Engine engine;

  SignatureAuthenticator(
      String algorithm,
      String signatureHeader,
      Function<String, List<byte[]>> candidates,
      SignedContent content,
      String timestampHeader,
      TimestampPolicy timestampPolicy,
      Map<String, PublicKey> keys,
      PublicKeys.Engine engine) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one public key is required");
    }
    this.algorithm = algorithm;
    this.signatureHeader = signatureHeader;
    this.candidates = candidates;
    this.content = content;
    this.timestampHeader = timestampHeader;
    this.timestampPolicy = timestampPolicy;
    this.keys = Map.copyOf(keys);
    this.engine = engine;
  }

  @Override
  public Authentication authenticate(WebhookRequest request, AuthenticationContext context)
      throws WebhookVerificationException {
    String value =
        single(request, signatureHeader, Reason.MISSING_SIGNATURE, Reason.MALFORMED_SIGNATURE);
    if (value.length() > MAX_HEADER_LENGTH) {
      throw malformed("too long");
    }
    List<byte[]> signatures = candidates.apply(value.strip());
    if (signatures.isEmpty()) {
      throw malformed("carries no signature");
    }
    if (signatures.size() > MAX_CANDIDATES) {
      throw malformed("carries too many signatures");
    }
    String timestamp = "";
    Instant signedAt = null;
    if (timestampHeader != null) {
      timestamp =
          single(request, timestampHeader, Reason.MISSING_TIMESTAMP, Reason.MALFORMED_TIMESTAMP);
      signedAt = timestampPolicy.check(timestamp, 0, timestamp.length(), context.clock());
    }
    for (Map.Entry<String, PublicKey> key : keys.entrySet()) {
      for (byte[] signature : signatures) {
        if (verifies(key.getValue(), signature, request, timestamp)) {
          Authentication.Builder result =
              Authentication.builder(Proof.PUBLIC_KEY_SIGNATURE, key.getKey())
                  .timestamp(signedAt)
                  .covers(content);
          if (context.keepFingerprint()) {
            result.fingerprint(signature);
          }
          return result.build();
        }
      }
    }
    throw new WebhookVerificationException(Reason.SIGNATURE_MISMATCH, "signature mismatch");
  }

  private boolean verifies(
      PublicKey key, byte[] signature, WebhookRequest request, String timestamp)
      throws WebhookVerificationException {
    try {
      Signature verifier = engine.signature(algorithm);
      verifier.initVerify(key);
      content.writeTo(new SignatureSink(verifier), request, timestamp);
      return verifier.verify(signature);
    } catch (java.security.SignatureException e) {
      return false; // a malformed DER signature: not this one
    } catch (GeneralSecurityException e) {
      throw new WebhookVerificationException(Reason.VERIFIER_ERROR, algorithm + " failed", e);
    }
  }

  private static String single(
      WebhookRequest request, String header, Reason missing, Reason repeated)
      throws WebhookVerificationException {
    List<String> values = request.headers(header);
    if (values.isEmpty()) {
      throw new WebhookVerificationException(missing, "missing header " + header);
    }
    if (values.size() > 1) {
      throw new WebhookVerificationException(repeated, "header " + header + " sent more than once");
    }
    return values.get(0);
  }

  private WebhookVerificationException malformed(String what) {
    return new WebhookVerificationException(
        Reason.MALFORMED_SIGNATURE, "signature header " + signatureHeader + " " + what);
  }

  /** Decoders for the candidate lists the schemes use; malformed entries are dropped. */
  static Function<String, List<byte[]>> hex(int length) {
    return value -> {
      List<byte[]> out = new ArrayList<>();
      if (value.length() == 2 * length) {
        try {
          out.add(java.util.HexFormat.of().parseHex(value));
        } catch (IllegalArgumentException notHex) {
          // none
        }
      }
      return out;
    };
  }

  static Function<String, List<byte[]>> base64() {
    return value -> {
      List<byte[]> out = new ArrayList<>();
      try {
        out.add(java.util.Base64.getDecoder().decode(value));
      } catch (IllegalArgumentException notBase64) {
        // none
      }
      return out;
    };
  }

  /** The base64 values of items {@code key,<b64>} in a space-separated list (Standard Webhooks). */
  static Function<String, List<byte[]>> keyedList(String key) {
    return value -> {
      List<byte[]> out = new ArrayList<>();
      String[] items = value.split(" ", MAX_CANDIDATES * 4 + 1);
      for (String item : items) {
        if (item.startsWith(key + ",")) {
          try {
            out.add(java.util.Base64.getDecoder().decode(item.substring(key.length() + 1)));
          } catch (IllegalArgumentException notBase64) {
            // dropped
          }
        }
      }
      return out;
    };
  }

  /** Feeds signed content to a {@link Signature}. */
  private static final class SignatureSink implements ContentSink {
    private final Signature signature;

    SignatureSink(Signature signature) {
      this.signature = signature;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      try {
        signature.update(bytes, offset, length);
      } catch (java.security.SignatureException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void write(byte b) {
      try {
        signature.update(b);
      } catch (java.security.SignatureException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void writeUtf8(CharSequence text, int start, int end) {
      byte[] bytes = text.subSequence(start, end).toString().getBytes(StandardCharsets.UTF_8);
      write(bytes, 0, bytes.length);
    }
  }
}
