package dev.hookverify.providers;

import dev.hookverify.WebhookRequest;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers the providers' signers share. */
final class Signed {
  private Signed() {}

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** A request with {@code headers} and {@code body}, for computing what a sender signs. */
  static WebhookRequest request(
      String method, String uri, Map<String, String> headers, byte[] body) {
    WebhookRequest.Builder builder = WebhookRequest.builder().method(method).uri(uri).body(body);
    headers.forEach(builder::header);
    return builder.build();
  }

  /** Header name-value pairs in order, unmodifiable. */
  static Map<String, String> headers(String... nameValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      map.put(nameValues[i], nameValues[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }
}
