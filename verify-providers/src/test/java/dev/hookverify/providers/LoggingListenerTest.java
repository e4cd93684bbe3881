package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hookverify.KeyRing;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.logging.LoggingListener;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The slf4j listener through a real Logback logger: levels, fields, and nothing secret. */
class LoggingListenerTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.hookverify.verification");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  @BeforeEach
  void attach() {
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.DEBUG);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(appender);
  }

  @Test
  void rejectionsAtWarnAcceptancesAtDebug_neverASecretSignatureOrBody() {
    String secret = "gh-secret-value-123";
    byte[] body = utf8("{\"ssn\":\"078-05-1120\"}");
    WebhookVerifier verifier =
        GitHub.builder(KeyRing.of(WebhookSecret.ofUtf8(secret)))
            .listener(new LoggingListener())
            .build();
    Map<String, String> genuine = GitHub.sign(WebhookSecret.ofUtf8(secret), "d-1", body);

    assertThat(reasonOf(verifier, request(genuine, body))).isNull();
    reasonOf(verifier, request(genuine, utf8("{}")));
    reasonOf(verifier, request(Map.of(), body));

    assertThat(appender.list)
        .extracting(ILoggingEvent::getLevel)
        .startsWith(Level.DEBUG, Level.WARN, Level.WARN);
    assertThat(appender.list.get(0).getFormattedMessage())
        .contains("accepted", "provider=github", "key=default");
    assertThat(appender.list.get(1).getFormattedMessage())
        .contains("rejected", "reason=SIGNATURE_MISMATCH", "remote=-");
    assertThat(appender.list.get(2).getFormattedMessage()).contains("reason=MISSING_SIGNATURE");
    reasonOf(
        verifier,
        dev.hookverify.WebhookRequest.builder()
            .uri("https://hooks.example.com/github?org=acme&token=query-secret")
            .remoteAddress("192.0.2.44")
            .body(body)
            .build());
    assertThat(appender.list.get(3).getFormattedMessage())
        .contains("remote=192.0.2.44", "path=/github")
        .doesNotContain("query-secret")
        .doesNotContain("acme");
    String signature = genuine.get(GitHub.SIGNATURE_HEADER).substring("sha256=".length());
    assertThat(appender.list)
        .allSatisfy(
            e ->
                assertThat(e.getFormattedMessage())
                    .doesNotContain(secret)
                    .doesNotContain(signature)
                    .doesNotContain("078-05"));
  }
}
