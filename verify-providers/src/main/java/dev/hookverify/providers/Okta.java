package dev.hookverify.providers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hookverify.KeyRing;
import dev.hookverify.TokenAuthenticator;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.internal.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Okta Event Hooks: no signature. Every request carries the header configured on the event hook (by
 * default {@code Authorization}) with the configured secret value verbatim, such as {@code Basic
 * dXNlcjpwYXNz} or a bare token; hookverify compares the whole value with each key in constant time
 * ({@link dev.hookverify.Proof#SHARED_TOKEN}: it proves the sender knows the secret, not that the
 * body is unchanged, so it is only as safe as TLS).
 *
 * <p><b>One-time verification.</b> When the hook is verified, Okta sends a {@code GET} with {@code
 * X-Okta-Verification-Challenge} and expects 200 with {@code {"verification":"<the value>"}}.
 * {@link #verificationResponse} verifies the request first, so the challenge is never echoed to a
 * caller without the configured secret.
 *
 * <p>A request may carry several events ({@code data.events[]}); the delivery id is the body's
 * {@code eventId}, unsigned (nothing is signed); deduplicate events on {@code data.events[].uuid}.
 *
 * @see <a href="https://developer.okta.com/docs/concepts/event-hooks/">Okta: event hooks</a>
 */
public final class Okta {
  /** The registry name. */
  public static final String NAME = "okta";

  /** The default header that carries the configured secret. */
  public static final String AUTHORIZATION_HEADER = "Authorization";

  /** The header of the one-time verification request. */
  public static final String CHALLENGE_HEADER = "X-Okta-Verification-Challenge";

  /** The longest challenge echoed, in characters. */
  public static final int MAX_CHALLENGE_LENGTH = 1024;

  private Okta() {}

  /** A verifier builder for the secrets of {@code keys}, sent in {@code Authorization}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(AUTHORIZATION_HEADER, keys);
  }

  /**
   * A verifier builder for the secrets of {@code keys}, sent in {@code header} (the event hook's
   * authentication field name).
   */
  public static WebhookVerifier.Builder builder(String header, KeyRing keys) {
    return WebhookVerifier.builder(NAME)
        .authenticator(TokenAuthenticator.header(header).keys(keys).build())
        .deliveryId(JsonFields.deliveryId("eventId"));
  }

  /**
   * A verifier builder for the secrets of {@code keys}, sent in {@code Authorization}, configured
   * by {@code options}. Okta signs nothing: only the defaults are accepted.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return builder(keys);
  }

  /**
   * The JSON to answer Okta's one-time verification request with (200, {@code application/json}):
   * {@code {"verification":"<challenge>"}}, once {@code verifier} accepts {@code request}. Empty
   * when the request is not a verification request: not a {@code GET}, no challenge header, the
   * header repeated, longer than {@value #MAX_CHALLENGE_LENGTH} characters, or holding anything but
   * visible ASCII.
   *
   * @throws WebhookVerificationException if {@code verifier} rejects the request (answer 401): the
   *     challenge is never answered without the configured secret
   */
  public static Optional<String> verificationResponse(
      WebhookVerifier verifier, WebhookRequest request) throws WebhookVerificationException {
    requireNonNull(verifier, "verifier");
    requireNonNull(request, "request");
    verifier.verify(request);
    if (!request.method().equals("GET")) {
      return Optional.empty();
    }
    List<String> challenge = request.headers(CHALLENGE_HEADER);
    if (challenge.size() != 1 || !isVisibleAscii(challenge.get(0), MAX_CHALLENGE_LENGTH)) {
      return Optional.empty();
    }
    return Optional.of(json("verification", challenge.get(0)));
  }

  /** Whether {@code text} is 1 to {@code max} visible ASCII characters. */
  static boolean isVisibleAscii(String text, int max) {
    if (text.isEmpty() || text.length() > max) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /** {@code {"<name>":"<value>"}}, written by Jackson so the value is escaped as JSON. */
  static String json(String name, String value) {
    StringWriter json = new StringWriter();
    try (JsonGenerator g = Json.factory().createGenerator(json)) {
      g.writeStartObject();
      g.writeStringField(name, value);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return json.toString();
  }
}
