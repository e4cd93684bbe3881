package dev.hookverify.spring.autoconfigure.reactive;

import dev.hookverify.VerifiedWebhook;
import java.time.Duration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The test application's handlers, written as an application would write them: a {@link
 * VerifiedWebhook} parameter, {@code @RequestBody String}, {@code @ModelAttribute} and {@code
 * exchange.getFormData()}. A GitHub body's {@code mode} picks a failure to simulate.
 */
@RestController
class WebhookController {
  private final Deliveries deliveries;

  WebhookController(Deliveries deliveries) {
    this.deliveries = deliveries;
  }

  @PostMapping("/github/hook")
  Mono<ResponseEntity<Void>> github(VerifiedWebhook webhook, @RequestBody String body) {
    if (!body.equals(webhook.bodyAsString())) {
      deliveries.mismatches.add(body);
    }
    int seen = deliveries.record("github", body);
    if (body.contains("\"mode\":\"throw\"") && seen == 0) {
      return Mono.error(new IllegalStateException("handler failed"));
    }
    if (body.contains("\"mode\":\"fail500\"") && seen == 0) {
      return Mono.just(ResponseEntity.internalServerError().build());
    }
    if (body.contains("\"mode\":\"hang\"") && seen == 0) {
      return Mono.never(); // until the client goes away
    }
    if (body.contains("\"mode\":\"slow\"")) {
      return Mono.delay(Duration.ofMillis(20)).thenReturn(ResponseEntity.noContent().build());
    }
    return Mono.just(ResponseEntity.noContent().build());
  }

  @PostMapping("/small/hook")
  Mono<String> small(VerifiedWebhook webhook, @RequestBody String body) {
    deliveries.record("small", body);
    return Mono.just(body.equals(webhook.bodyAsString()) ? body : "mismatch");
  }

  @PostMapping({"/stripe/hook", "/stripe-debug/hook"})
  ResponseEntity<Void> stripe(VerifiedWebhook webhook) {
    deliveries.record("stripe", webhook.bodyAsString());
    return ResponseEntity.noContent().build();
  }

  @PostMapping({"/twilio/sms", "/proxied/sms", "/forwarded/sms"})
  Mono<String> sms(VerifiedWebhook webhook, ServerWebExchange exchange) {
    return exchange
        .getFormData()
        .map(
            form -> {
              deliveries.record("sms", webhook.bodyAsString());
              String tenant = exchange.getRequest().getQueryParams().getFirst("tenant");
              return "Body="
                  + form.getFirst("Body")
                  + ";From="
                  + form.getFirst("From")
                  + ";tenant="
                  + tenant
                  + ";verified=true";
            });
  }

  @PostMapping("/twilio/status")
  String status(@ModelAttribute MessageStatus status, VerifiedWebhook webhook) {
    deliveries.record("status", webhook.bodyAsString());
    return "MessageSid=" + status.getMessageSid() + ";MessageStatus=" + status.getMessageStatus();
  }

  /** A Slack slash command, bound by {@code @ModelAttribute}. */
  @PostMapping("/slack/model")
  String slackModel(@ModelAttribute SlashCommand command, VerifiedWebhook webhook) {
    return "command="
        + command.getCommand()
        + ";text="
        + command.getText()
        + ";userName="
        + command.getUserName()
        + ";verified=true";
  }

  /** A Slack slash command, read by {@code @RequestParam} (in WebFlux, the query's). */
  @PostMapping("/slack/param")
  String slackParam(
      @RequestParam(name = "command", required = false) String command,
      @RequestParam(name = "text", required = false) String text,
      VerifiedWebhook webhook) {
    return "command=" + command + ";text=" + text + ";verified=true";
  }

  /** A Slack slash command, read from the form and the query. */
  @PostMapping("/slack/form")
  Mono<String> slackForm(VerifiedWebhook webhook, ServerWebExchange exchange) {
    return exchange
        .getFormData()
        .map(
            form ->
                "command="
                    + form.getFirst("command")
                    + ";text="
                    + form.getFirst("text")
                    + ";query="
                    + exchange.getRequest().getQueryParams());
  }

  @PostMapping("/voice/call")
  ResponseEntity<Void> voice(VerifiedWebhook webhook) {
    deliveries.record("voice", webhook.bodyAsString());
    return ResponseEntity.noContent().build();
  }

  /** Not a webhook path: reads a large body itself, releasing each buffer. */
  @PostMapping("/unrelated")
  Mono<String> unrelated(@RequestBody Flux<DataBuffer> body, ServerWebExchange exchange) {
    return body.map(
            buffer -> {
              int length = buffer.readableByteCount();
              DataBufferUtils.release(buffer);
              return length;
            })
        .reduce(0, Integer::sum)
        .map(
            length ->
                "bytes=" + length + ";verified=" + VerifiedWebhooks.from(exchange).isPresent());
  }

  /** Not a webhook path: an ordinary form, read by WebFlux from the original request. */
  @PostMapping("/form")
  Mono<String> form(ServerWebExchange exchange) {
    return exchange.getFormData().map(WebhookController::ab);
  }

  private static String ab(MultiValueMap<String, String> form) {
    return "a=" + form.getFirst("a") + ";b=" + form.getFirst("b") + ";verified=false";
  }

  /** A Twilio status callback, bound from the verified form by {@code @ModelAttribute}. */
  static final class MessageStatus {
    private String messageSid;
    private String messageStatus;

    public String getMessageSid() {
      return messageSid;
    }

    public void setMessageSid(String messageSid) {
      this.messageSid = messageSid;
    }

    public String getMessageStatus() {
      return messageStatus;
    }

    public void setMessageStatus(String messageStatus) {
      this.messageStatus = messageStatus;
    }
  }

  /** A Slack slash command's fields. */
  static final class SlashCommand {
    private String command;
    private String text;
    private String userName;

    public String getUserName() {
      return userName;
    }

    public void setUserName(String userName) {
      this.userName = userName;
    }

    public String getCommand() {
      return command;
    }

    public void setCommand(String command) {
      this.command = command;
    }

    public String getText() {
      return text;
    }

    public void setText(String text) {
      this.text = text;
    }
  }
}
