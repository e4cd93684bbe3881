package dev.hookverify.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that receives Stripe, GitHub and Twilio webhooks. The endpoints, their
 * secrets and the idempotency store are properties ({@code application.properties}); the starter
 * verifies and deduplicates every delivery before {@link WebhookController} sees it.
 */
@SpringBootApplication
public class WebhookSampleApplication {
  public static void main(String[] args) {
    SpringApplication.run(WebhookSampleApplication.class, args);
  }
}
