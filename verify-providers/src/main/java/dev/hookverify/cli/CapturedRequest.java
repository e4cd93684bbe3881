package dev.hookverify.cli;

import dev.hookverify.WebhookRequest;
import java.util.ArrayList;
import java.util.List;

/** A request captured from the command line, rebuildable with another body. */
final class CapturedRequest {
  final String method;
  final String url;
  final List<String[]> headers;
  final byte[] body;

  CapturedRequest(String method, String url, List<String[]> headers, byte[] body) {
    this.method = method;
    this.url = url;
    this.body = body;
    this.headers = headers;
  }

  /** {@code Name: value} lines as name-value pairs, in order. */
  static List<String[]> headerLines(List<String> lines) throws UsageException {
    List<String[]> headers = new ArrayList<>();
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new UsageException("a header must look like 'Name: value'");
      }
      headers.add(
          new String[] {line.substring(0, colon).strip(), line.substring(colon + 1).strip()});
    }
    return headers;
  }

  WebhookRequest request() {
    return request(body);
  }

  WebhookRequest request(byte[] otherBody) {
    WebhookRequest.Builder builder =
        WebhookRequest.builder().method(method).uri(url).body(otherBody);
    for (String[] header : headers) {
      builder.header(header[0], header[1]);
    }
    return builder.build();
  }
}
