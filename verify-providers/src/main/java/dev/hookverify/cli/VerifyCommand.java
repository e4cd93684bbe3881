package dev.hookverify.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.providers.Provider;
import dev.hookverify.providers.internal.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code hookverify verify}: checks a captured request, explains a rejection, and reports the
 * delivery key {@code IdempotentVerifier} would claim, so "one delivery, one key" can be checked
 * from the command line.
 */
final class VerifyCommand {
  private static final Set<String> OPTIONS =
      Set.of(
          "provider",
          "secret",
          "secret-env",
          "secret-file",
          "url",
          "method",
          "header",
          "body",
          "request",
          "now");

  static final String HELP =
      String.join(
          "\n",
          "usage: hookverify verify --provider NAME SECRET... (--request FILE|- [--url URL]",
          "                         | [--url URL] [--method M] [--header 'Name: value' ...]",
          "                           [--body FILE|-]) [--now EPOCH_SECONDS] [--json]",
          "Verifies one request as the provider's verifier would, explains a rejection, and prints",
          "the delivery key an idempotent verifier claims for it.",
          "  --request FILE|-    a raw HTTP/1.1 request as captured (request line, headers, blank",
          "                      line, body; CRLF or LF; Content-Length or chunked); the URL is",
          "                      https:// + Host + the request line's path unless --url is given",
          "  --url URL           the URL the sender called (signed by Twilio, Square, HubSpot,"
              + " ...)",
          "  --method, --header, --body   the request piece by piece, instead of --request",
          "  --now EPOCH_SECONDS the time to verify at (default: now), to re-check an old capture",
          "  --json              one JSON object: verified, provider, reason, keyId, deliveryId,",
          "                      deliveryKey, timestamp, diagnosis",
          Secrets.HELP,
          "exit codes: 0 verified, 1 rejected, 2 usage error, 3 internal error");

  private VerifyCommand() {}

  static int run(String[] argv, Terminal terminal) throws UsageException {
    Arguments args = Arguments.parse(argv, 1, OPTIONS, Set.of("json"));
    Provider provider = Inputs.provider(args);
    List<String> diagnosis = new ArrayList<>();
    CapturedRequest captured = captured(args, terminal, diagnosis);
    List<String> keys = new ArrayList<>();
    List<String> secrets = Secrets.read(args, terminal.in, terminal.environment, terminal.err);
    for (int i = 0; i < secrets.size(); i++) {
      String text = secrets.get(i);
      if (!text.strip().equals(text)) {
        diagnosis.add("secret " + (i + 1) + " has surrounding whitespace; it was used stripped");
        text = text.strip();
      }
      keys.add(text);
    }
    PrintStream out = terminal.out;
    Instant now = Instant.ofEpochSecond(args.epochSeconds("now", Instant.now().getEpochSecond()));
    WebhookVerifier verifier;
    try {
      verifier = provider.verifier(keys).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    } catch (IllegalArgumentException e) {
      throw new UsageException("a key is not a valid " + provider.name() + " key");
    }
    try {
      VerifiedWebhook webhook = verifier.verify(captured.request());
      String key = deliveryKey(webhook).orElse(null);
      if (key == null) {
        diagnosis.add(
            "no delivery key: IdempotentVerifier would reject this delivery "
                + "(its delivery id is not printable ASCII of at most "
                + DeliveryKey.MAX_LENGTH
                + " characters)");
      }
      print(out, args.flag("json"), provider, webhook, key, null, diagnosis);
      return 0;
    } catch (WebhookVerificationException e) {
      diagnosis.addAll(new Diagnosis(provider, keys, captured, now).explain(e.reason()));
      print(out, args.flag("json"), provider, null, null, e, diagnosis);
      return 1;
    }
  }

  /** The request from {@code --request}, or from its pieces. */
  private static CapturedRequest captured(Arguments args, Terminal terminal, List<String> diagnosis)
      throws UsageException {
    Optional<String> url = args.one("url");
    Optional<String> request = args.one("request");
    if (request.isPresent()) {
      for (String piece : List.of("method", "header", "body")) {
        if (!args.all(piece).isEmpty()) {
          throw new UsageException("--request holds the whole request: drop --" + piece);
        }
      }
      byte[] raw = Inputs.file("--request", request, terminal.in);
      return HttpCapture.parse(raw, url, diagnosis);
    }
    return new CapturedRequest(
        args.one("method").orElse("POST"),
        url.isPresent() ? Inputs.url(url.get()) : "",
        CapturedRequest.headerLines(args.all("header")),
        Inputs.body(args.one("body"), terminal.in));
  }

  /**
   * The key {@link IdempotentVerifier} claims for {@code webhook}; empty if none can be formed (the
   * idempotent verifier then rejects the delivery).
   */
  private static Optional<String> deliveryKey(VerifiedWebhook webhook) {
    try {
      return Optional.of(webhook.deliveryKey().value());
    } catch (IllegalArgumentException unusable) {
      return Optional.empty();
    }
  }

  private static void print(
      PrintStream out,
      boolean json,
      Provider provider,
      VerifiedWebhook webhook,
      String deliveryKey,
      WebhookVerificationException rejection,
      List<String> diagnosis) {
    if (json) {
      out.println(json(provider, webhook, deliveryKey, rejection, diagnosis));
      return;
    }
    if (webhook != null) {
      out.println(
          "verified: provider="
              + provider.name()
              + " key="
              + webhook.keyId()
              + webhook
                  .deliveryId()
                  .map(
                      id ->
                          " deliveryId="
                              + id
                              + (webhook.isDeliveryIdSigned() ? " (signed)" : " (unsigned)"))
                  .orElse("")
              + webhook.timestamp().map(t -> " timestamp=" + t.getEpochSecond()).orElse("")
              + (deliveryKey == null ? "" : " deliveryKey=" + deliveryKey));
    } else {
      out.println("rejected: " + rejection.reason() + " (" + rejection.getMessage() + ")");
    }
    for (String line : diagnosis) {
      out.println("  diagnosis: " + line);
    }
  }

  private static String json(
      Provider provider,
      VerifiedWebhook webhook,
      String deliveryKey,
      WebhookVerificationException rejection,
      List<String> diagnosis) {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = Json.factory().createGenerator(text)) {
      g.writeStartObject();
      g.writeBooleanField("verified", webhook != null);
      g.writeStringField("provider", provider.name());
      Reason reason = rejection == null ? null : rejection.reason();
      g.writeStringField("reason", reason == null ? null : reason.name());
      g.writeStringField("keyId", webhook == null ? null : webhook.keyId());
      g.writeStringField("deliveryId", webhook == null ? null : webhook.deliveryId().orElse(null));
      g.writeStringField("deliveryKey", deliveryKey);
      if (webhook != null && webhook.timestamp().isPresent()) {
        g.writeNumberField("timestamp", webhook.timestamp().get().getEpochSecond());
      } else {
        g.writeNullField("timestamp");
      }
      g.writeArrayFieldStart("diagnosis");
      for (String line : diagnosis) {
        g.writeString(line);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
