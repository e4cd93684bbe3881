package dev.hookverify.servlet.example;

import dev.hookverify.InboxVerifier;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.inbox.DeliveryInbox;
import dev.hookverify.inbox.InboxWorkers;
import dev.hookverify.inbox.StoredDelivery;
import dev.hookverify.providers.GitHub;
import dev.hookverify.servlet.WebhookFilter;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * The quick start in inbox mode: the shipped filter stores each verified GitHub delivery in a
 * PostgreSQL inbox and answers 200 at once; workers run the handler afterwards, with retries. No
 * servlet is needed on the webhook path. {@code InboxQuickStartTest} runs it in Jetty.
 */
public final class InboxApplication implements ServletContainerInitializer {
  private final WebhookSecret secret;
  private final DataSource dataSource;
  final List<String> processed = new CopyOnWriteArrayList<>();

  public InboxApplication(WebhookSecret secret, DataSource dataSource) {
    this.secret = secret;
    this.dataSource = dataSource;
  }

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    WebhookVerifier github = GitHub.verifier(secret);
    DeliveryInbox inbox = DeliveryInbox.builder(dataSource).build();
    context
        .addFilter(
            "github-webhooks", WebhookFilter.of(InboxVerifier.builder(github, inbox).build()))
        .addMappingForUrlPatterns(null, false, "/webhooks/github");
    InboxWorkers workers = InboxWorkers.builder(inbox, this::handle).start();
    context.addListener(
        new ServletContextListener() {
          @Override
          public void contextDestroyed(ServletContextEvent event) {
            workers.close(); // waits for running handlers; the rest stays in the inbox
          }
        });
  }

  /** The application's handler: runs in a worker, once per stored delivery (retried on failure). */
  private void handle(StoredDelivery delivery) {
    processed.add(delivery.provider() + " " + delivery.bodyAsString());
  }
}
