package dev.hookverify.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A stream over verified bytes that never hands out the array itself: on JDK 17 to 21 {@link
 * ByteArrayInputStream#transferTo} passes its own array to {@code out.write}, so an application's
 * {@code OutputStream} could change the bytes that were verified (and that {@code
 * VerifiedWebhook#body()} and later readers still read). Here it writes a copy.
 */
public final class SealedByteStream extends ByteArrayInputStream {
  public SealedByteStream(byte[] bytes) {
    super(bytes);
  }

  @Override
  public synchronized long transferTo(OutputStream out) throws IOException {
    byte[] rest = readAllBytes();
    out.write(rest);
    return rest.length;
  }
}
