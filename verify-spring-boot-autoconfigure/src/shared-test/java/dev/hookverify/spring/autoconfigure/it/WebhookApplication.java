package dev.hookverify.spring.autoconfigure.it;

import dev.hookverify.VerifiedWebhook;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The application under test: the handlers a user writes, against the starter's auto-configuration
 * and nothing else (no component scanning). Uses only APIs that Spring Boot 3.5 and 4.x share.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(WebhookApplication.Handlers.class)
public class WebhookApplication {
  /** How many times the handlers ran per delivery id, for exactly-once assertions. */
  @Bean
  Handled handled() {
    return new Handled();
  }

  /** Counts of handler runs, by delivery id. Thread-safe. */
  public static final class Handled {
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    void record(String id) {
      runs.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    }

    /** How many times a handler ran for delivery {@code id}. */
    public int count(String id) {
      AtomicInteger n = runs.get(id);
      return n == null ? 0 : n.get();
    }
  }

  /** The webhook handlers, and unrelated endpoints that must stay untouched. */
  @RestController
  public static class Handlers {
    private final Handled handled;

    public Handlers(Handled handled) {
      this.handled = handled;
    }

    /**
     * Stripe, as docs/integrations.md shows it: the verified webhook as an argument, and the body
     * bound by Spring as well, which must be the verified bytes. A body asking to fail throws; one
     * asking to be slow holds the claim for a while.
     */
    @PostMapping("/webhooks/stripe")
    ResponseEntity<Void> stripe(VerifiedWebhook webhook, @RequestBody String body)
        throws InterruptedException {
      String id = webhook.deliveryId().orElseThrow();
      handled.record(id);
      if (body.contains("\"slow\"")) {
        Thread.sleep(600);
      }
      if (body.contains("\"fail\"")) {
        throw new IllegalStateException("handler failed for " + id);
      }
      return ResponseEntity.ok()
          .header("X-Delivery-Id", id)
          .header("X-Exact-Bytes", Boolean.toString(body.equals(webhook.bodyAsString())))
          .build();
    }

    /** Twilio posts a form; its handler reads parameters, as Twilio's own examples do. */
    @PostMapping("/webhooks/twilio")
    String twilio(
        VerifiedWebhook webhook,
        @RequestParam("Body") String text,
        @RequestParam("From") String from) {
      handled.record("twilio:" + text);
      return webhook.provider() + "|" + text + "|" + from;
    }

    /** The same Twilio form bound by {@code @ModelAttribute}, when the test asks for it. */
    @PostMapping(path = "/webhooks/twilio", headers = "X-Test-Binding=model")
    String twilioModel(VerifiedWebhook webhook, @ModelAttribute TwilioMessage message) {
      return message.getBody() + "|mediaUrl0=" + message.getMediaUrl0();
    }

    /** An unrelated multipart upload: no webhook filter runs on it. */
    @PostMapping("/upload")
    String upload(@RequestParam("file") MultipartFile file, @RequestParam("note") String note) {
      return file.getOriginalFilename() + ":" + file.getSize() + ":" + note;
    }

    /** An unrelated form post: with Spring Security, CSRF protects it. */
    @PostMapping("/form")
    String form(@RequestParam("a") String a) {
      return "form:" + a;
    }

    @GetMapping("/hello")
    String hello() {
      return "hello";
    }
  }

  /** A Twilio message's fields, as a handler binds them. */
  public static final class TwilioMessage {
    private String body;
    private String mediaUrl0;

    public String getBody() {
      return body;
    }

    public void setBody(String body) {
      this.body = body;
    }

    public String getMediaUrl0() {
      return mediaUrl0;
    }

    public void setMediaUrl0(String mediaUrl0) {
      this.mediaUrl0 = mediaUrl0;
    }
  }
}
