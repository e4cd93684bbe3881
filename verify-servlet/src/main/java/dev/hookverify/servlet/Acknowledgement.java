package dev.hookverify.servlet;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * How the filter in inbox mode answers a sender whose delivery the inbox holds: a 2xx status and,
 * for senders that read one (Adyen's {@code [accepted]}), a fixed text body. Immutable.
 */
final class Acknowledgement {
  /** A bare 200: every sender counts it as delivered; some count nothing else. */
  static final Acknowledgement DEFAULT = new Acknowledgement(200, "");

  private final int status;
  private final byte[] body;

  private Acknowledgement(int status, String body) {
    this.status = status;
    this.body = body.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * {@code status} with {@code body} ({@code ""} for none).
   *
   * @throws IllegalArgumentException if the status is not 2xx, or is 204 or 205 with a body
   */
  static Acknowledgement of(int status, String body) {
    if (status < 200 || status > 299) {
      throw new IllegalArgumentException("an acknowledgement is a 2xx status, not " + status);
    }
    if (!body.isEmpty() && (status == 204 || status == 205)) {
      throw new IllegalArgumentException(status + " has no content: acknowledge with 200");
    }
    return new Acknowledgement(status, body);
  }

  /** Writes the answer; nothing about the delivery is in it. */
  void answer(HttpServletResponse response) throws IOException {
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.length);
    if (body.length > 0) {
      response.setContentType("text/plain;charset=UTF-8");
      response.getOutputStream().write(body);
    }
  }

  @Override
  public String toString() {
    return body.length == 0 ? Integer.toString(status) : status + " [" + body.length + " bytes]";
  }
}
