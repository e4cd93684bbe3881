package dev.hookverify.providers.logging;

import dev.hookverify.VerificationEvent;
import dev.hookverify.VerificationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link VerificationListener} that logs through slf4j who tried what: rejections at WARN with
 * the provider, the reason, the peer's address and the request path (never the query), the key id
 * and tenant when known, and the time taken; acceptances at DEBUG. Events carry no secret,
 * signature, body or query, so neither does the log. The logger is {@code
 * dev.hookverify.verification}.
 *
 * <p>Thread-safe.
 */
public final class LoggingListener implements VerificationListener {
  private static final Logger LOG = LoggerFactory.getLogger("dev.hookverify.verification");

  /** A listener logging to {@code dev.hookverify.verification}. */
  public LoggingListener() {}

  @Override
  public void onVerification(VerificationEvent event) {
    if (event.isAccepted()) {
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "webhook accepted: provider={} remote={} path={} key={} tenant={} elapsedMicros={}",
            event.provider(),
            event.remoteAddress().orElse("-"),
            event.path(),
            event.keyId().orElse("-"),
            event.tenant().orElse("-"),
            event.elapsed().toNanos() / 1000);
      }
    } else {
      LOG.warn(
          "webhook rejected: provider={} reason={} remote={} path={} key={} tenant={}"
              + " elapsedMicros={}",
          event.provider(),
          event.reason().map(Enum::name).orElse("-"),
          event.remoteAddress().orElse("-"),
          event.path(),
          event.keyId().orElse("-"),
          event.tenant().orElse("-"),
          event.elapsed().toNanos() / 1000);
    }
  }
}
