package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.KeyRing;
import dev.hookverify.PublicKeyAuthenticator;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.cost.ThreadCost;
import dev.hookverify.providers.signing.OutgoingWebhook;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The security model's third rule for every registered sender: a forged request at the body limit,
 * verified with the most keys a ring holds, costs bounded work. Allocation is measured with the
 * thread's allocation counter (deterministic, unlike wall-clock time), CPU time with the thread's
 * CPU clock.
 *
 * <p>The bound, stated in docs/security.md: at most {@value #ALLOCATION_PER_BODY_BYTE} bytes
 * allocated per body byte plus {@value #ALLOCATION_CONSTANT} bytes, and under {@value #CPU_MILLIS}
 * ms of CPU, whatever the body's shape. Public-key senders may add one body copy per signature and
 * key tried (at most {@link PublicKeyAuthenticator#MAX_CANDIDATES} per key): Ed25519 is not
 * computed in a stream by the JCA providers (JDK and Bouncy Castle buffer the message), and every
 * forged signature is tried against every key ({@code PublicKeyCandidateFloodTest} sends the most
 * signatures a header takes).
 */
class ForgedFloodTest {
  static final int ALLOCATION_PER_BODY_BYTE = 4;
  static final int ALLOCATION_CONSTANT = 1 << 20;
  static final long CPU_MILLIS = 2_000;

  private static final long NOW = 1_800_000_000L;
  private static final String URL = "https://receiver.example/hooks/in?tenant=a";
  private static final int LIMIT = WebhookVerifier.DEFAULT_MAX_BODY_BYTES;

  @Test
  void verify_forgedRequestAtTheBodyLimitWithTheMostKeys_staysWithinTheStatedBound() {
    List<String> over = new ArrayList<>();
    StringBuilder table = new StringBuilder();
    for (Provider provider : Providers.all()) {
      WebhookVerifier verifier = verifierWithMostKeys(provider);
      Map<String, String> headers = forgedHeaders(provider);
      for (Map.Entry<String, byte[]> shape : shapes().entrySet()) {
        WebhookRequest forged = request(URL, headers, shape.getValue());
        verifyOnce(verifier, forged); // loads classes and fills per-thread scratch space
        long allocated = ThreadCost.allocatedBytes();
        long cpu = ThreadCost.cpuNanos();
        String outcome = verifyOnce(verifier, forged);
        allocated = ThreadCost.allocatedBytes() - allocated;
        long cpuMillis = (ThreadCost.cpuNanos() - cpu) / 1_000_000;
        int perByte =
            ALLOCATION_PER_BODY_BYTE
                + (provider.usesPublicKeys()
                    ? KeyRing.MAX_KEYS * PublicKeyAuthenticator.MAX_CANDIDATES
                    : 0);
        long bound = (long) perByte * forged.bodyLength() + ALLOCATION_CONSTANT;
        table.append(
            String.format(
                "%-18s %-14s %-22s %,12d B %5d ms%n",
                provider.name(), shape.getKey(), outcome, allocated, cpuMillis));
        if (outcome.equals("ACCEPTED")) {
          over.add(provider.name() + " accepted a forgery shaped " + shape.getKey());
        }
        if (allocated > bound || cpuMillis > CPU_MILLIS) {
          over.add(
              provider.name()
                  + " "
                  + shape.getKey()
                  + ": "
                  + allocated
                  + " B, "
                  + cpuMillis
                  + " ms");
        }
      }
    }
    System.out.print(table);
    assertThat(over).isEmpty();
  }

  private static String verifyOnce(WebhookVerifier verifier, WebhookRequest request) {
    try {
      verifier.verify(request);
      return "ACCEPTED";
    } catch (WebhookVerificationException e) {
      return e.reason().name();
    }
  }

  /** The provider's verifier with {@link KeyRing#MAX_KEYS} keys, none of them the signer's. */
  private static WebhookVerifier verifierWithMostKeys(Provider provider) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < KeyRing.MAX_KEYS; i++) {
      keys.add(provider.sender().newTestKeys().verificationKey());
    }
    return provider.verifier(keys).clock(at(NOW)).build();
  }

  /**
   * Headers in the provider's exact format, signed with a key the verifier does not hold, over a
   * small body: every header parses, so verification runs to the MAC (or signature) comparison.
   */
  private static Map<String, String> forgedHeaders(Provider provider) {
    if (!provider.signsInHeaders()) {
      return Map.of("Content-Type", "application/json");
    }
    OutgoingWebhook small =
        OutgoingWebhook.builder("{}".getBytes(StandardCharsets.UTF_8))
            .timestamp(NOW)
            .id("msg_1")
            .url(URL)
            .contentType(
                provider.name().equals(Twilio.NAME)
                    ? "application/x-www-form-urlencoded"
                    : "application/json")
            .build();
    return provider.sender().sign(provider.sender().newTestKeys().signingKey(), small).headers();
  }

  /** Bodies just under the limit, in the shapes that cost parsers most. */
  private static Map<String, byte[]> shapes() {
    Map<String, byte[]> shapes = new LinkedHashMap<>();
    shapes.put("form-params", fill("a0=1", i -> "&a" + i + "=1"));
    shapes.put(
        "json-items",
        wrap(
            "{\"notificationItems\":[",
            i ->
                "{\"NotificationRequestItem\":{\"pspReference\":\""
                    + i
                    + "\",\"hmacSignature\":\"AA==\"}},",
            "{}]}"));
    shapes.put("json-keys", wrap("{", i -> "\"k" + i + "\":" + i + ",", "\"org_id\":\"x\"}"));
    shapes.put(
        "json-signatures",
        wrap(
            "{\"signature\":{\"timestamp\":\"1\",\"token\":\"t\",\"signature\":\"00\"},\"a\":[",
            i -> "{\"signature\":{}},",
            "0]}"));
    shapes.put("json-deep", wrap("", i -> "[", ""));
    return shapes;
  }

  private static byte[] fill(String head, java.util.function.IntFunction<String> item) {
    return wrap(head, item, "");
  }

  private static byte[] wrap(
      String head, java.util.function.IntFunction<String> item, String tail) {
    StringBuilder out = new StringBuilder(LIMIT).append(head);
    for (int i = 0; ; i++) {
      String next = item.apply(i);
      if (out.length() + next.length() + tail.length() > LIMIT) {
        break;
      }
      out.append(next);
    }
    return out.append(tail).toString().getBytes(StandardCharsets.UTF_8);
  }
}
