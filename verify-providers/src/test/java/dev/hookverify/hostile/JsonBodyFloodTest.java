package dev.hookverify.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.KeyRing;
import dev.hookverify.TenantKeys;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.Adyen;
import dev.hookverify.providers.Mailgun;
import dev.hookverify.providers.MightyCall;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Forged floods against the senders that read the body before its signature is checked: a forged
 * request at the 1 MiB body limit, shaped to cost the most (the most keys, the most objects, the
 * most items), verified with five keys, must be rejected within the allocation bound the classes
 * state: {@value #BOUND} bytes, however the body is shaped. Allocation is the thread's own counter
 * (HotSpot's {@code ThreadMXBean.getCurrentThreadAllocatedBytes}), the least of three runs after a
 * warm-up, so the figure is deterministic; time is not asserted.
 */
class JsonBodyFloodTest {
  /** The bound Adyen's and Mailgun's Javadoc state: 4 MiB per forged request. */
  private static final long BOUND = 4L << 20;

  private static final int LIMIT = WebhookVerifier.DEFAULT_MAX_BODY_BYTES;
  private static final String FORGED_SIGNATURE = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

  /** Bodies at the limit that every body-reading sender must refuse cheaply. */
  private static Map<String, byte[]> commonShapes() {
    Map<String, byte[]> shapes = new LinkedHashMap<>();
    shapes.put("distinct keys in one object", fill("{", i -> "\"k" + i + "\":0", "}"));
    shapes.put("objects of three keys", fill("{\"x\":[", i -> "{\"a\":1,\"b\":2,\"c\":3}", "]}"));
    shapes.put("empty arrays", fill("{\"x\":[", i -> "[]", "]}"));
    shapes.put("short strings", fill("{\"x\":[", i -> "\"aaaaaaaaaaaaaaaa\"", "]}"));
    shapes.put("escaped strings", fill("{\"x\":[", i -> "\"\\u0041\\n\"", "]}"));
    shapes.put("one long string", utf8("{\"x\":\"" + "a".repeat(LIMIT - 8) + "\"}"));
    return shapes;
  }

  @Test
  void verify_forgedAdyenNotificationsAtTheBodyLimit_staysWithinTheStatedBound() {
    KeyRing.Builder keys = KeyRing.builder();
    for (int i = 0; i < 5; i++) {
      keys.add("key-" + i, Adyen.secret(String.format("%064x", i + 1)));
    }
    WebhookVerifier verifier = Adyen.builder(keys.build()).build();
    Map<String, byte[]> shapes = commonShapes();
    String item = "{\"NotificationRequestItem\":{\"success\":\"true\",";
    shapes.put(
        "keys in an item",
        fill("{\"notificationItems\":[" + item, i -> "\"k" + i + "\":0", "}}]}"));
    shapes.put(
        "keys in additionalData",
        fill(
            "{\"notificationItems\":[" + item + "\"additionalData\":{",
            i -> "\"k" + i + "\":\"v\"",
            "}}}]}"));
    // The most items, each as large as the body allows, each with a forged signature: one HMAC
    // per item per key, the most work a forged request can ask for after the parse.
    IntFunction<String> forged =
        pad ->
            item
                + "\"pspReference\":\"p\",\"merchantAccountCode\":\"A\","
                + "\"amount\":{\"value\":1,\"currency\":\"EUR\"},\"eventCode\":\"AUTHORISATION\","
                + "\"additionalData\":{\"hmacSignature\":\""
                + FORGED_SIGNATURE
                + "\",\"pad\":\""
                + "x".repeat(pad)
                + "\"}}}";
    String head = "{\"notificationItems\":[";
    int pad = (LIMIT - head.length() - 2) / Adyen.MAX_ITEMS - forged.apply(0).length() - 1;
    StringBuilder items = new StringBuilder(head);
    for (int i = 0; i < Adyen.MAX_ITEMS; i++) {
      items.append(i == 0 ? "" : ",").append(forged.apply(pad));
    }
    shapes.put("the most items", utf8(items.append("]}").toString()));
    assertWithinBound(verifier, shapes, Map.of());
  }

  @Test
  void verify_forgedMailgunEventsAtTheBodyLimit_staysWithinTheStatedBound() {
    KeyRing.Builder keys = KeyRing.builder();
    for (int i = 0; i < 5; i++) {
      keys.add("key-" + i, WebhookSecret.ofUtf8("key-mailgun-" + i));
    }
    WebhookVerifier verifier = Mailgun.builder(keys.build()).build();
    Map<String, byte[]> shapes = commonShapes();
    String signature =
        "\"signature\":{\"timestamp\":\"1403645220\",\"token\":\"t\",\"signature\":\""
            + "00".repeat(32)
            + "\"";
    shapes.put("keys in the signature", fill("{" + signature + ",", i -> "\"k" + i + "\":0", "}}"));
    shapes.put(
        "keys in event-data",
        fill("{" + signature + "},\"event-data\":{", i -> "\"k" + i + "\":0", "}}"));
    assertWithinBound(verifier, shapes, Map.of());
  }

  @Test
  void verify_forgedMightyCallBodiesAtTheBodyLimit_staysWithinTheStatedBound() {
    Map<String, KeyRing> organizations = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      organizations.put("org_" + i, KeyRing.of(WebhookSecret.ofUtf8("secret-" + i)));
    }
    WebhookVerifier verifier = MightyCall.perOrganization(TenantKeys.of(organizations)).build();
    Map<String, byte[]> shapes = commonShapes();
    shapes.put("keys after org_id", fill("{\"org_id\":\"org_1\",", i -> "\"k" + i + "\":0", "}"));
    assertWithinBound(verifier, shapes, Map.of("x-signature", "00".repeat(32)));
  }

  private static void assertWithinBound(
      WebhookVerifier verifier, Map<String, byte[]> shapes, Map<String, String> headers) {
    List<String> over = new ArrayList<>();
    for (Map.Entry<String, byte[]> shape : shapes.entrySet()) {
      assertThat(shape.getValue().length).isBetween(LIMIT - 1024, LIMIT);
      WebhookRequest.Builder builder = WebhookRequest.builder().body(shape.getValue());
      headers.forEach(builder::header);
      WebhookRequest request = builder.build();
      long least = Long.MAX_VALUE;
      for (int run = 0; run < 4; run++) {
        long before = allocated();
        try {
          verifier.verify(request);
          throw new AssertionError(shape.getKey() + ": a forged request was accepted");
        } catch (WebhookVerificationException expected) {
          // rejected, as it must be
        }
        long bytes = allocated() - before;
        least = run == 0 ? least : Math.min(least, bytes); // run 0 loads classes
      }
      System.out.printf(
          "forged flood %-10s %-28s %,9d bytes allocated for a %,d-byte body%n",
          verifier.provider(), shape.getKey(), least, shape.getValue().length);
      if (least > BOUND) {
        over.add(shape.getKey() + ": " + least + " bytes");
      }
    }
    assertThat(over).as("allocation over %d bytes", BOUND).isEmpty();
  }

  private static byte[] fill(String head, IntFunction<String> part, String tail) {
    StringBuilder body = new StringBuilder(LIMIT).append(head);
    for (int i = 0; ; i++) {
      String next = (i == 0 ? "" : ",") + part.apply(i);
      if (body.length() + next.length() + tail.length() > LIMIT) {
        break;
      }
      body.append(next);
    }
    return utf8(body.append(tail).toString());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static final Method ALLOCATED = allocationCounter();

  private static Method allocationCounter() {
    try {
      return Class.forName("com.sun.management.ThreadMXBean")
          .getMethod("getCurrentThreadAllocatedBytes");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("HotSpot's ThreadMXBean is required", e);
    }
  }

  private static long allocated() {
    try {
      return (Long) ALLOCATED.invoke(ManagementFactory.getThreadMXBean());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
