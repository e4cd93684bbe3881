package dev.hookverify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The exact-name index in front of {@link WebhookRequest}'s case-insensitive header map answers
 * exactly what the map alone would, for names in any case, repeated under several spellings, and
 * with non-ASCII letters whose case folding is not one-to-one (the long s, the Kelvin sign, the
 * dotted capital I).
 */
class WebhookRequestHeaderIndexTest {
  private static final String[] NAMES = {
    "Stripe-Signature",
    "stripe-signature",
    "STRIPE-SIGNATURE",
    "ſtripe-signature",
    "webhook-id",
    "Webhook-Id",
    "X-\u212Aey",
    "x-key",
    "X-KEY",
    "İd",
    "id",
    "ID",
    "i\u0307d",
    ""
  };

  @Test
  void headers_randomNamesAndLookups_answerAsTheCaseInsensitiveMap() {
    List<String> disagreements = new ArrayList<>();
    Random random = new Random(15);
    for (int i = 0; i < 5_000; i++) {
      WebhookRequest.Builder builder = WebhookRequest.builder();
      Map<String, List<String>> reference = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      int headers = random.nextInt(6);
      for (int h = 0; h < headers; h++) {
        String name = NAMES[random.nextInt(NAMES.length)];
        String value = "v" + h;
        builder.header(name, value);
        reference.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
      WebhookRequest request = builder.build();
      for (String name : NAMES) {
        List<String> expected = reference.getOrDefault(name, List.of());
        List<String> byName = request.headers(name);
        List<String> byBoth = request.headers(name, WebhookRequest.asciiLowerCase(name));
        if (!byName.equals(expected) || !byBoth.equals(expected)) {
          disagreements.add(reference + " [" + name + "]: " + byName + " / " + byBoth);
        }
      }
    }
    assertThat(disagreements).isEmpty();
  }

  @Test
  void asciiLowerCase_nonAsciiName_isNull() {
    assertThat(WebhookRequest.asciiLowerCase("X-Hub-Signature-256"))
        .isEqualTo("x-hub-signature-256");
    assertThat(WebhookRequest.asciiLowerCase("X-\u212Aey")).isNull();
    assertThat(WebhookRequest.asciiLowerCase("İd")).isNull();
  }
}
