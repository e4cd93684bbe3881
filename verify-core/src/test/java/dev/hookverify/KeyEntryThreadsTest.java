package dev.hookverify;

import static dev.hookverify.Signing.hex;
import static dev.hookverify.Signing.hmac;
import static dev.hookverify.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.internal.Reusable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyEntry}'s Macs on many short-lived threads, as a server with a virtual thread per
 * request runs them (JDK 21+; fresh platform threads on 17): every decision right while thousands
 * of verifications share one key at once, and the Macs kept for virtual threads bounded.
 */
class KeyEntryThreadsTest {
  private static final int REQUESTS = 10_000;
  private static final byte[] SECRET = utf8("whsec_threads_0123456789");
  private static final byte[] BODY = utf8("{\"id\":\"evt_threads\",\"amount\":100}");

  @Test
  void verify_tenThousandFreshThreads_rightDecisionsAndBoundedMacs() throws Exception {
    KeyRing ring = KeyRing.of(WebhookSecret.ofBytes(SECRET));
    WebhookVerifier verifier =
        WebhookVerifier.builder("threads")
            .authenticator(
                HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                    .signatureHeader(SignatureHeader.builder("X-Signature").build())
                    .keys(ring)
                    .build())
            .build();
    String genuine = hex(hmac(HmacAlgorithm.SHA256, SECRET, BODY));
    String forged = (genuine.charAt(0) == '0' ? "1" : "0") + genuine.substring(1);
    List<Future<Boolean>> decisions = new ArrayList<>();
    ExecutorService threads = freshThreadPerTask();
    try {
      for (int i = 0; i < REQUESTS; i++) {
        String signature = i % 2 == 0 ? genuine : forged;
        decisions.add(threads.submit(() -> accepted(verifier, signature)));
      }
      for (int i = 0; i < REQUESTS; i++) {
        assertThat(decisions.get(i).get()).as("request %d", i).isEqualTo(i % 2 == 0);
      }
    } finally {
      threads.shutdown();
    }

    Reusable<javax.crypto.Mac> macs = ring.keys().get(0).macs(HmacAlgorithm.SHA256);
    assertThat(macs.pooled()).isBetween(0, Reusable.capacity());
  }

  private static boolean accepted(WebhookVerifier verifier, String signature) {
    try {
      verifier.verify(WebhookRequest.builder().header("X-Signature", signature).body(BODY).build());
      return true;
    } catch (WebhookVerificationException e) {
      assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
      return false;
    }
  }

  /** A new virtual thread per task on JDK 21+, otherwise a new platform thread per task. */
  private static ExecutorService freshThreadPerTask() {
    try {
      return (ExecutorService)
          MethodHandles.publicLookup()
              .findStatic(
                  Executors.class,
                  "newVirtualThreadPerTaskExecutor",
                  MethodType.methodType(ExecutorService.class))
              .invoke();
    } catch (NoSuchMethodException e) {
      // JDK 17: no virtual threads; platform threads that end as soon as they are idle.
      return new ThreadPoolExecutor(
          0, Integer.MAX_VALUE, 0, TimeUnit.SECONDS, new SynchronousQueue<>());
    } catch (Throwable e) {
      throw new AssertionError(e);
    }
  }
}
