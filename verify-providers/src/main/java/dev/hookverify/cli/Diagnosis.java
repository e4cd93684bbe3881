package dev.hookverify.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.Provider;
import dev.hookverify.providers.ProviderOptions;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.SharedSecretProvider;
import dev.hookverify.providers.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains why a captured request was rejected, by finding a small change that makes it verify: the
 * body as it was before a framework touched it, the secret in another encoding, the clock at
 * signing time, or another provider's scheme. Each explanation is proven by a verification, never
 * guessed; secrets are referred to by position only.
 */
final class Diagnosis {
  private static final Pattern TIMESTAMP_ITEM = Pattern.compile("(?:^|[,;\\s])t(?:s)?=(\\d{1,12})");

  private final Provider provider;
  private final List<String> secrets;
  private final CapturedRequest captured;
  private final Instant now;

  Diagnosis(Provider provider, List<String> secrets, CapturedRequest captured, Instant now) {
    this.provider = provider;
    this.secrets = secrets;
    this.captured = captured;
    this.now = now;
  }

  List<String> explain(Reason reason) {
    List<String> found = new ArrayList<>();
    Long timestamp = signedTimestamp();
    if (timestamp != null
        && (reason == Reason.TIMESTAMP_TOO_OLD || reason == Reason.TIMESTAMP_IN_FUTURE)) {
      long delta = now.getEpochSecond() - timestamp;
      found.add(
          delta >= 0
              ? "timestamp is " + delta + " seconds old"
              : "timestamp is " + -delta + " seconds ahead of now (check the clocks)");
      if (verifies(provider, secrets, captured.request(), Instant.ofEpochSecond(timestamp))) {
        found.add(
            "the signature is valid at the signing time: the delivery was replayed, queued "
                + "or captured too long ago (use --now to re-check a capture)");
      }
      return found;
    }
    if (reason != Reason.SIGNATURE_MISMATCH
        && reason != Reason.MALFORMED_SIGNATURE
        && reason != Reason.MISSING_SIGNATURE) {
      return found;
    }
    Instant at = timestamp == null ? now : Instant.ofEpochSecond(timestamp);
    bodyVariants()
        .forEach(
            (what, body) -> {
              if (verifies(provider, secrets, captured.request(body), at)) {
                found.add(what);
              }
            });
    if (provider instanceof SharedSecretProvider) {
      SharedSecretProvider shared = (SharedSecretProvider) provider;
      secretVariants()
          .forEach(
              (what, secret) -> {
                WebhookVerifier.Builder variant;
                try {
                  variant = shared.verifier(KeyRing.of(secret));
                } catch (IllegalArgumentException notThatKind) {
                  return; // a sender whose keys are not bare secrets (Braintree's key pairs)
                }
                if (verifies(variant, captured.request(), at)) {
                  found.add(what);
                }
              });
    }
    for (Provider other : Providers.all()) {
      if (other == provider) {
        continue;
      }
      for (String text : secrets) {
        if (verifies(other, List.of(text), captured.request(), at)) {
          found.add(
              "the request is signed with the "
                  + other.name()
                  + " scheme: is --provider "
                  + other.name()
                  + " meant?");
          break;
        }
      }
    }
    if (found.isEmpty()
        && provider.options().contains(ProviderOptions.Option.PUBLIC_URL)
        && captured.url.isEmpty()) {
      found.add(provider.name() + " signs the URL it requested: pass it with --url");
    }
    if (found.isEmpty() && looksPrettyPrinted(captured.body)) {
      found.add(
          "the body looks pretty-printed; senders sign compact JSON: verify the raw bytes "
              + "as received, before any parsing");
    }
    return found;
  }

  private Map<String, byte[]> bodyVariants() {
    Map<String, byte[]> variants = new LinkedHashMap<>();
    String body = new String(captured.body, StandardCharsets.UTF_8);
    if (body.endsWith("\r\n")) {
      variants.put(
          "a trailing CRLF was added to the body after signing",
          utf8(body.substring(0, body.length() - 2)));
    }
    if (body.endsWith("\n")) {
      variants.put(
          "a trailing newline was added to the body after signing",
          utf8(body.substring(0, body.length() - 1)));
    }
    if (!body.endsWith("\n")) {
      variants.put("a trailing newline was removed from the body after signing", utf8(body + "\n"));
    }
    if (body.contains("\r\n")) {
      variants.put(
          "line endings were changed: the body verifies with LF instead of CRLF",
          utf8(body.replace("\r\n", "\n")));
    } else if (body.contains("\n")) {
      variants.put(
          "line endings were changed: the body verifies with CRLF instead of LF",
          utf8(body.replace("\n", "\r\n")));
    }
    byte[] compact = reserialize(captured.body, false);
    if (compact != null) {
      variants.put(
          "the body was re-serialized or pretty-printed: its compact form verifies", compact);
    }
    byte[] pretty = reserialize(captured.body, true);
    if (pretty != null) {
      variants.put("the body was re-serialized: its pretty-printed form verifies", pretty);
    }
    return variants;
  }

  private Map<String, WebhookSecret> secretVariants() {
    Map<String, WebhookSecret> variants = new LinkedHashMap<>();
    for (int i = 0; i < secrets.size(); i++) {
      String text = secrets.get(i).strip();
      String label = "secret " + (i + 1);
      String bare = text.startsWith("whsec_") ? text.substring(6) : text;
      add(
          variants,
          label + " is used as UTF-8 text, including any whsec_ prefix",
          WebhookSecret::ofUtf8,
          text);
      add(
          variants,
          label + " is base64: the sender uses the decoded bytes",
          WebhookSecret::ofBase64,
          bare);
      add(
          variants,
          label + " is hex: the sender uses the decoded bytes",
          WebhookSecret::ofHex,
          bare);
      add(
          variants,
          label + " is used without its whsec_ prefix, as UTF-8",
          WebhookSecret::ofUtf8,
          bare);
    }
    return variants;
  }

  private static void add(
      Map<String, WebhookSecret> variants,
      String what,
      Function<String, WebhookSecret> parse,
      String text) {
    try {
      variants.put(what, parse.apply(text));
    } catch (IllegalArgumentException notThatEncoding) {
      // Not a candidate.
    }
  }

  /** Whether {@code provider} with {@code keys} accepts {@code request} at {@code at}. */
  private static boolean verifies(
      Provider provider, List<String> keys, WebhookRequest request, Instant at) {
    try {
      return verifies(provider.verifier(keys), request, at);
    } catch (IllegalArgumentException | IllegalStateException notThatKind) {
      return false; // these keys cannot be that provider's
    }
  }

  private static boolean verifies(
      WebhookVerifier.Builder builder, WebhookRequest request, Instant at) {
    try {
      builder.clock(Clock.fixed(at, ZoneOffset.UTC)).build().verify(request);
      return true;
    } catch (WebhookVerificationException e) {
      return false;
    }
  }

  /** The timestamp a sender put in a timestamp header or a {@code t=} item, if any. */
  private Long signedTimestamp() {
    for (String[] header : captured.headers) {
      String name = header[0].toLowerCase(java.util.Locale.ROOT);
      String value = header[1];
      if (name.contains("timestamp") && value.matches("\\d{1,12}")) {
        return Long.parseLong(value);
      }
      Matcher item = TIMESTAMP_ITEM.matcher(value);
      if (name.contains("signature") && item.find()) {
        return Long.parseLong(item.group(1));
      }
    }
    return null;
  }

  private static byte[] reserialize(byte[] body, boolean pretty) {
    JsonFactory json = Json.factory();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonParser parser = json.createParser(body);
        JsonGenerator generator = json.createGenerator(out)) {
      if (pretty) {
        generator.useDefaultPrettyPrinter();
      }
      if (parser.nextToken() == null) {
        return null;
      }
      generator.copyCurrentStructure(parser);
      if (parser.nextToken() != null) {
        return null;
      }
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
    byte[] result = out.toByteArray();
    return java.util.Arrays.equals(result, body) ? null : result;
  }

  private static boolean looksPrettyPrinted(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return (text.startsWith("{") || text.startsWith("[")) && text.contains("\n ");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
