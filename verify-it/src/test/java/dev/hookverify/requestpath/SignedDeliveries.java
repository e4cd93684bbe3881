package dev.hookverify.requestpath;

import dev.hookverify.providers.Provider;
import dev.hookverify.providers.signing.OutgoingWebhook;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Signed deliveries for the load generator, each one distinct, so every request of a run is a
 * genuine first delivery. A delivery's 1 KiB body is {@link #PREFIX}, its number in ten digits and
 * a fixed suffix; only the request heads are stored (one after another, each ending in its blank
 * line), and {@code request-path.lua} appends the body it rebuilds from the number: the file is a
 * quarter of the size of whole requests.
 *
 * <p>Two files per batch: {@code NAME.heads}, and {@code NAME.body} with three lines (the body's
 * prefix, its suffix, the first delivery's number).
 */
final class SignedDeliveries {
  /** Every delivery's body size, in bytes. */
  static final int BODY_BYTES = 1024;

  private static final String PREFIX = "{\"id\":\"evt_";
  private static final String SUFFIX;

  static {
    StringBuilder suffix =
        new StringBuilder(
            "\",\"object\":\"event\",\"type\":\"invoice.paid\",\"data\":{\"note\":\"");
    int fixed = PREFIX.length() + 10 + suffix.length() + "\"}}".length();
    for (int i = 0; fixed + i < BODY_BYTES; i++) {
      suffix.append((char) ('a' + i % 26));
    }
    SUFFIX = suffix.append("\"}}").toString();
  }

  private SignedDeliveries() {}

  /** The body of delivery {@code n}, exactly {@link #BODY_BYTES} long. */
  static byte[] body(long n) {
    return (PREFIX + String.format("%010d", n) + SUFFIX).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Writes deliveries {@code first} to {@code first + count - 1}, signed now with {@code
   * signingKey} for {@code provider}, posted to {@code path} on {@code 127.0.0.1:port}, to {@code
   * base.heads} and {@code base.body}.
   */
  static void write(
      Provider provider, String signingKey, int port, String path, long first, int count, Path base)
      throws IOException {
    Files.writeString(
        Path.of(base + ".body"),
        PREFIX + "\n" + SUFFIX + "\n" + first + "\n",
        StandardCharsets.US_ASCII);
    String host = "127.0.0.1:" + port;
    String url = "http://" + host + path;
    long now = System.currentTimeMillis() / 1000;
    try (OutputStream out =
        new BufferedOutputStream(Files.newOutputStream(Path.of(base + ".heads")), 1 << 16)) {
      for (long n = first; n < first + count; n++) {
        OutgoingWebhook webhook =
            OutgoingWebhook.builder(body(n))
                .url(url)
                .id("evt_" + n)
                .timestamp(now)
                .contentType("application/json")
                .build();
        StringBuilder head = new StringBuilder(512);
        head.append("POST ").append(path).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host).append("\r\n");
        head.append("Content-Length: ").append(BODY_BYTES).append("\r\n");
        for (Map.Entry<String, String> h :
            provider.sender().sign(signingKey, webhook).headers().entrySet()) {
          head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      }
    }
  }
}
