package dev.hookverify.servlet.example;

import dev.hookverify.IdempotentVerifier;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.IdempotencyStore;
import dev.hookverify.providers.GitHub;
import dev.hookverify.servlet.VerifiedWebhooks;
import dev.hookverify.servlet.WebhookFilter;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The README's quick start: a plain servlet application that receives GitHub webhooks, verified and
 * deduplicated by the shipped filter. {@code QuickStartTest} runs it in Jetty and Tomcat.
 */
public final class WebhookApplication implements ServletContainerInitializer {
  private final WebhookSecret secret;
  private final IdempotencyStore store;
  final List<String> received = new CopyOnWriteArrayList<>();

  public WebhookApplication(WebhookSecret secret, IdempotencyStore store) {
    this.secret = secret;
    this.store = store;
  }

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    WebhookVerifier github = GitHub.verifier(secret);
    IdempotentVerifier verifier = IdempotentVerifier.builder(github, store).build();
    context
        .addFilter("github-webhooks", WebhookFilter.of(verifier))
        .addMappingForUrlPatterns(null, false, "/webhooks/github");
    context.addServlet("github", new GitHubWebhooks()).addMapping("/webhooks/github");
  }

  /** The application's handler: it reads the verified webhook, never the raw request. */
  final class GitHubWebhooks extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
      VerifiedWebhook webhook = VerifiedWebhooks.from(request).orElseThrow();
      String event = request.getHeader("X-GitHub-Event");
      received.add(event + " " + webhook.bodyAsString());
      response.setStatus(204);
    }
  }
}
