package dev.hookverify.servlet.example;

import dev.hookverify.InboxVerifier;
import dev.hookverify.WebhookSecret;
import dev.hookverify.inbox.DeliveryInbox;
import dev.hookverify.inbox.InboxWorkers;
import dev.hookverify.inbox.StoredDelivery;
import dev.hookverify.providers.GitHub;
import dev.hookverify.servlet.WebhookFilter;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * The durable-deliveries guide's application: GitHub deliveries verified, stored in the inbox and
 * acknowledged at once by the shipped filter; a worker pool processes them with retries. {@code
 * InboxQuickStartTest} runs it in Jetty on a real PostgreSQL.
 */
public final class InboxApplication implements ServletContainerInitializer, AutoCloseable {
  private final WebhookSecret secret;
  private final DataSource database;
  final List<String> processed = new CopyOnWriteArrayList<>();
  private InboxWorkers workers;

  public InboxApplication(WebhookSecret secret, DataSource database) {
    this.secret = secret;
    this.database = database;
  }

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    DeliveryInbox inbox = DeliveryInbox.builder(database).keepHeaders("X-GitHub-Event").build();
    InboxVerifier verifier = InboxVerifier.builder(GitHub.verifier(secret), inbox).build();
    context
        .addFilter("github-webhooks", WebhookFilter.of(verifier))
        .addMappingForUrlPatterns(null, false, "/webhooks/github");
    workers = InboxWorkers.builder(inbox, this::handle).threads(4).start();
  }

  /** Runs on a worker, after GitHub had its answer; a throw retries it with backoff. */
  private void handle(StoredDelivery delivery) {
    String event = delivery.header("X-GitHub-Event").orElse("unknown");
    processed.add(event + " " + delivery.bodyAsString());
  }

  @Override
  public void close() {
    workers.close(); // at shutdown: running handlers finish, nothing new is leased
  }
}
