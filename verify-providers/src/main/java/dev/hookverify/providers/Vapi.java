package dev.hookverify.providers;

import static java.util.Objects.requireNonNull;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.TokenAuthenticator;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

/**
 * Vapi server-URL authentication, which each customer configures: the legacy secret sent verbatim
 * in {@code x-vapi-secret}, a Bearer credential, or an HMAC plan ({@link #hmacPlan()}: header,
 * algorithm, prefix, encoding, timestamp header and a payload template such as the default {@code
 * {timestamp}.{body}}). Vapi documents no tolerance or timestamp unit; the plan assumes seconds
 * within 5 minutes either way (the tolerance option changes it). No delivery id.
 *
 * @see <a href="https://docs.vapi.ai/server-url/server-authentication">Vapi: server
 *     authentication</a>
 */
public final class Vapi {
  /** The registry name. */
  public static final String NAME = "vapi";

  /** The legacy token header. */
  public static final String SECRET_HEADER = "x-vapi-secret";

  /** The HMAC plan's tolerance, both ways. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private Vapi() {}

  /**
   * A verifier builder for the legacy {@code x-vapi-secret} token, a Bearer credential, or the
   * default HMAC plan, with the secrets of {@code keys}.
   */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the legacy {@code x-vapi-secret} token, a Bearer credential, or the
   * default HMAC plan, with the secrets of {@code keys}, configured by {@code options}: a tolerance
   * (both ways) replaces the HMAC plan's 5 minutes. The default plan does not sign the URL, so a
   * public URL does not apply (a plan that does takes one: {@link HmacPlan#authenticator(KeyRing,
   * ProviderOptions)}).
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    return WebhookVerifier.builder(NAME)
        .authenticator(TokenAuthenticator.header(SECRET_HEADER).keys(keys).build())
        .authenticator(TokenAuthenticator.bearer().keys(keys).build())
        .authenticator(hmacPlan().authenticator(keys, options));
  }

  /** An HMAC plan with Vapi's defaults; change what your assistant configures. */
  public static HmacPlan hmacPlan() {
    return new HmacPlan();
  }

  /** Vapi's {@code HMACAuthenticationPlan}. Not thread-safe; build authenticators from it. */
  public static final class HmacPlan {
    private HmacAlgorithm algorithm = HmacAlgorithm.SHA256;
    private String signatureHeader = "x-signature";
    private String timestampHeader = "x-timestamp";
    private String prefix = "";
    private SignatureEncoding encoding = SignatureEncoding.HEX;
    private String payloadFormat = "{timestamp}.{body}";
    private String messageIdHeader = "svix-id";

    private HmacPlan() {}

    /** The algorithm; default SHA-256. */
    public HmacPlan algorithm(HmacAlgorithm algorithm) {
      this.algorithm = requireNonNull(algorithm, "algorithm");
      return this;
    }

    /** The signature header; default {@code x-signature}. */
    public HmacPlan signatureHeader(String name) {
      this.signatureHeader = requireNonNull(name, "name");
      return this;
    }

    /** The timestamp header; default {@code x-timestamp}. */
    public HmacPlan timestampHeader(String name) {
      this.timestampHeader = requireNonNull(name, "name");
      return this;
    }

    /** A prefix before the signature, such as {@code sha256=}; default none. */
    public HmacPlan signaturePrefix(String prefix) {
      this.prefix = requireNonNull(prefix, "prefix");
      return this;
    }

    /** The signature encoding; default hex. */
    public HmacPlan encoding(SignatureEncoding encoding) {
      this.encoding = requireNonNull(encoding, "encoding");
      return this;
    }

    /**
     * The payload template: literal text with {@code {body}}, {@code {timestamp}}, {@code
     * {method}}, {@code {url}} and {@code {svix-id}}; default {@code {timestamp}.{body}}.
     *
     * @throws IllegalArgumentException for an unknown placeholder
     */
    public HmacPlan payloadFormat(String template) {
      content(requireNonNull(template, "template"), ProviderOptions.defaults()); // checks it now
      this.payloadFormat = template;
      return this;
    }

    /** The message id header for {@code {svix-id}}; default {@code svix-id}. */
    public HmacPlan messageIdHeader(String name) {
      this.messageIdHeader = requireNonNull(name, "name");
      return this;
    }

    /** The authenticator for this plan with the secrets of {@code keys}. */
    public HmacAuthenticator authenticator(KeyRing keys) {
      return authenticator(keys, ProviderOptions.defaults());
    }

    /**
     * The authenticator for this plan with the secrets of {@code keys}, configured by {@code
     * options}: a tolerance (both ways) replaces the default 5 minutes, for a payload that signs
     * {@code {timestamp}}; a public URL, for a payload that signs {@code {url}}, replaces the URI
     * as received with that URL followed by the request's query (or the public URL alone, if it has
     * a query of its own).
     *
     * @throws IllegalArgumentException if {@code options} sets an option the payload template does
     *     not sign
     */
    public HmacAuthenticator authenticator(KeyRing keys, ProviderOptions options) {
      SignedContent content = content(payloadFormat, options);
      EnumSet<ProviderOptions.Option> supported = EnumSet.noneOf(ProviderOptions.Option.class);
      if (content.usesTimestamp()) {
        supported.add(ProviderOptions.Option.TOLERANCE);
      }
      if (payloadFormat.contains("{url}")) { // each '{' opens a placeholder: no literal "{url}"
        supported.add(ProviderOptions.Option.PUBLIC_URL);
      }
      options.allowOnly(NAME, supported.toArray(new ProviderOptions.Option[0]));
      HmacAuthenticator.Builder builder =
          HmacAuthenticator.builder(algorithm)
              .signatureHeader(
                  SignatureHeader.builder(signatureHeader)
                      .prefix(prefix)
                      .encoding(encoding)
                      .build())
              .signedContent(content)
              .keys(keys);
      if (content.usesTimestamp()) {
        builder.timestampHeader(timestampHeader).timestampPolicy(options.secondsWithin(TOLERANCE));
      }
      return builder.build();
    }

    /** The headers Vapi sends under this plan. */
    Map<String, String> sign(
        WebhookSecret secret, long timestamp, String method, String url, byte[] body) {
      SignedContent content = content(payloadFormat, ProviderOptions.defaults());
      String ts = Long.toString(timestamp);
      WebhookRequest request = Signed.request(method, url, Map.of(messageIdHeader, "msg"), body);
      byte[] tag = content.hmac(algorithm, secret, request, ts);
      String signature =
          prefix + (encoding == SignatureEncoding.HEX ? Signed.hex(tag) : Signed.base64(tag));
      return content.usesTimestamp()
          ? Signed.headers(timestampHeader, ts, signatureHeader, signature)
          : Signed.headers(signatureHeader, signature);
    }

    /** The content {@code template} describes; {@code {url}} is the URL {@code options} sign. */
    private SignedContent content(String template, ProviderOptions options) {
      SignedContent.Builder content = SignedContent.builder();
      int at = 0;
      while (at < template.length()) {
        int open = template.indexOf('{', at);
        if (open < 0) {
          content.literal(template.substring(at));
          break;
        }
        if (open > at) {
          content.literal(template.substring(at, open));
        }
        int close = template.indexOf('}', open);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed placeholder in " + template);
        }
        String name = template.substring(open + 1, close);
        switch (name) {
          case "body":
            content.body();
            break;
          case "timestamp":
            content.timestamp();
            break;
          case "method":
            content.method();
            break;
          case "url":
            PublicUrl.addTo(content, options);
            break;
          case "svix-id":
            content.header(messageIdHeader);
            break;
          default:
            throw new IllegalArgumentException("unknown placeholder {" + name + "}");
        }
        at = close + 1;
      }
      return content.build();
    }
  }
}
