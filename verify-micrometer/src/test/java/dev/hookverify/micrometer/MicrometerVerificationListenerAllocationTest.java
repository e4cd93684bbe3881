package dev.hookverify.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hookverify.Reason;
import dev.hookverify.VerificationEvent;
import dev.hookverify.VerificationListener;
import dev.hookverify.cost.ThreadCost;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the listener costs per event on the hot path, weighed with the thread's allocation counter:
 * registering or building a meter per event (a {@code Timer.builder}, its tags and id) would cost
 * hundreds of bytes each time, so a small bound tells the two apart.
 */
class MicrometerVerificationListenerAllocationTest {
  private static final int EVENTS = 200_000;

  /**
   * Bytes one event may cost. The event's {@code Optional} reason and {@code Duration} elapsed are
   * about 40 bytes where the JIT leaves them (measured on JDK 17: 21 bytes an event on average); a
   * {@code Timer.builder(..).register(..)} per event measured 621.
   */
  private static final long BYTES_PER_EVENT = 64;

  @Test
  void onVerification_tagsOff_allocatesNoMeterPerEvent() throws Exception {
    assumeTrue(ThreadCost.isAvailable(), "this JVM does not count allocation per thread");
    List<VerificationEvent> events = new ArrayList<>();
    VerificationListener capture = events::add;
    Deliveries.end(null, capture);
    Deliveries.end(Reason.SIGNATURE_MISMATCH, capture);
    Deliveries.end(Reason.TIMESTAMP_TOO_OLD, capture);
    VerificationEvent[] replay = events.toArray(VerificationEvent[]::new);
    MicrometerVerificationListener listener =
        MicrometerVerificationListener.builder(new SimpleMeterRegistry(), "acme-main").build();

    replayAll(listener, replay); // registers the meters and warms the path up
    long before = ThreadCost.allocatedBytes();
    replayAll(listener, replay);
    long perEvent = (ThreadCost.allocatedBytes() - before) / EVENTS;

    assertThat(perEvent).isLessThanOrEqualTo(BYTES_PER_EVENT);
  }

  private static void replayAll(VerificationListener listener, VerificationEvent[] events) {
    for (int i = 0; i < EVENTS; i++) {
      listener.onVerification(events[i % events.length]);
    }
  }
}
