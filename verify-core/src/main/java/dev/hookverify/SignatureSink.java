package dev.hookverify;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.SignatureException;

/** Feeds signed content to a public-key {@link Signature} being verified. */
final class SignatureSink implements ContentSink {
  private final Signature signature;

  SignatureSink(Signature signature) {
    this.signature = signature;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    try {
      signature.update(bytes, offset, length);
    } catch (SignatureException e) {
      throw new IllegalStateException("signature not initialised", e);
    }
  }

  @Override
  public void write(byte b) {
    try {
      signature.update(b);
    } catch (SignatureException e) {
      throw new IllegalStateException("signature not initialised", e);
    }
  }

  @Override
  public void writeUtf8(CharSequence text, int start, int end) {
    byte[] bytes = text.subSequence(start, end).toString().getBytes(StandardCharsets.UTF_8);
    write(bytes, 0, bytes.length);
  }
}
