package dev.hookverify;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The exact bytes a sender signs, described as a sequence of parts: for example Stripe's {@code
 * timestamp "." body}, Slack's {@code "v0:" timestamp ":" body}, or Standard Webhooks' {@code
 * header(webhook-id) "." timestamp "." body}.
 *
 * <p>Parts are fed to the MAC one after another; the body is never copied. Timestamps, header
 * values and the URI are fed exactly as received (never re-formatted), because the sender signed
 * those bytes. Which headers and whether the body are covered is known from the parts, so a
 * delivery id read from a covered header or from the body is reported as signed.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SignedContent {
  private final List<Part> parts;
  private final boolean usesTimestamp;
  private final boolean signsBody;
  private final boolean signsQuery;
  private final Set<String> signedHeaders;

  private SignedContent(Builder builder) {
    this.parts = List.copyOf(builder.parts);
    this.usesTimestamp = builder.usesTimestamp;
    this.signsBody = builder.signsBody;
    this.signsQuery = builder.signsQuery;
    this.signedHeaders = Set.copyOf(builder.signedHeaders);
  }

  /** The body alone, as GitHub, Shopify and most simple HMAC senders sign it. */
  public static SignedContent body() {
    return builder().body().build();
  }

  /** A builder of parts, in the order they are signed. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether a {@link Builder#timestamp()} part is signed. */
  public boolean usesTimestamp() {
    return usesTimestamp;
  }

  /** Whether the raw body is signed. */
  public boolean signsBody() {
    return signsBody;
  }

  /** Whether the request's query string is signed (as part of the URI). */
  public boolean signsQuery() {
    return signsQuery;
  }

  /** The lower-cased names of the headers whose values are signed. */
  public Set<String> signedHeaders() {
    return signedHeaders;
  }

  /**
   * The HMAC a sender computes over this content of {@code request}: what signers (tests, the CLI,
   * in-house senders) put in the signature header. Uses the same parts as verification, so the two
   * cannot drift apart.
   *
   * @param timestamp the timestamp text the sender sends, or empty if the scheme has none
   * @throws IllegalArgumentException if {@code request} lacks a signed part (a header, say)
   */
  public byte[] hmac(
      HmacAlgorithm algorithm, WebhookSecret secret, WebhookRequest request, String timestamp) {
    try {
      javax.crypto.Mac mac = algorithm.newMac(secret.bytes());
      MacSink sink = new MacSink().use(mac);
      writeTo(sink, request, timestamp);
      return sink.finish();
    } catch (WebhookVerificationException e) {
      throw new IllegalArgumentException("cannot sign: " + e.getMessage(), e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(algorithm.jcaName() + " unavailable", e);
    }
  }

  /**
   * Writes this content of {@code request} to {@code sink}, part by part: for authenticators that
   * verify a signature other than an HMAC (a public-key {@link java.security.Signature}).
   *
   * @param timestamp the timestamp text exactly as received, or empty if the scheme has none
   * @throws WebhookVerificationException if the request lacks a signed part
   */
  public void writeTo(ContentSink sink, WebhookRequest request, CharSequence timestamp)
      throws WebhookVerificationException {
    for (int i = 0; i < parts.size(); i++) {
      Part part = parts.get(i);
      if (part instanceof CorePart) {
        ((CorePart) part).writeTo(sink, request, timestamp); // a direct call, inlined
      } else {
        part.writeTo(sink, request, timestamp);
      }
    }
  }

  @Override
  public String toString() {
    return "SignedContent" + parts;
  }

  /**
   * One part of the signed content. Providers with unusual layouts (form parameters sorted by name,
   * a hash of the body) implement their own.
   *
   * <p>Contract: write the same bytes the sender signed, doing bounded work on hostile input;
   * reject input that cannot be signed content by throwing {@link WebhookVerificationException}.
   * Called on any thread; implementations must be stateless or thread-safe.
   */
  @FunctionalInterface
  public interface Part {
    /**
     * Writes this part of {@code request} to {@code sink}.
     *
     * @param timestamp the timestamp text exactly as received, or empty if the scheme has none
     * @throws WebhookVerificationException if the request cannot be signed content
     */
    void writeTo(ContentSink sink, WebhookRequest request, CharSequence timestamp)
        throws WebhookVerificationException;
  }

  /** Builds a {@link SignedContent}. Not thread-safe. */
  public static final class Builder {
    private final List<Part> parts = new ArrayList<>();
    private final Set<String> signedHeaders = new LinkedHashSet<>();
    private boolean usesTimestamp;
    private boolean signsBody;
    private boolean signsQuery;

    private Builder() {}

    /** A fixed string, written as UTF-8: a version prefix or a separator. */
    public Builder literal(String text) {
      byte[] bytes = requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8);
      return add(new CorePart(CorePart.Kind.LITERAL, "literal(" + text + ")", bytes, null));
    }

    /** The timestamp, exactly as received. */
    public Builder timestamp() {
      usesTimestamp = true;
      return add(new CorePart(CorePart.Kind.TIMESTAMP, "timestamp", null, null));
    }

    /**
     * The value of header {@code name}, exactly as received; the header must be sent once. Rejects
     * with {@link Reason#MALFORMED_SIGNATURE} if it is missing or repeated.
     */
    public Builder header(String name) {
      requireNonNull(name, "name");
      signedHeaders.add(name.toLowerCase(Locale.ROOT));
      return add(new CorePart(CorePart.Kind.HEADER, "header(" + name + ")", null, name));
    }

    /** The HTTP method. */
    public Builder method() {
      return add(new CorePart(CorePart.Kind.METHOD, "method", null, null));
    }

    /** The full URI, exactly as received. */
    public Builder uri() {
      signsQuery = true;
      return add(new CorePart(CorePart.Kind.URI, "uri", null, null));
    }

    /** The raw body bytes. */
    public Builder body() {
      signsBody = true;
      return add(new CorePart(CorePart.Kind.BODY, "body", null, null));
    }

    /** A part of the provider's own. */
    public Builder part(Part part) {
      return add(requireNonNull(part, "part"));
    }

    /**
     * Marks the body as signed by a custom {@link #part}, for example one that signs form
     * parameters or a hash of the body, so delivery ids read from it count as signed.
     */
    public Builder bodyCoveredByParts() {
      signsBody = true;
      return this;
    }

    /**
     * Marks the request's query string as signed by a custom {@link #part}, for example one that
     * signs a configured public URL followed by the query as received.
     */
    public Builder queryCoveredByParts() {
      signsQuery = true;
      return this;
    }

    /**
     * The content.
     *
     * @throws IllegalStateException if no part was added
     */
    public SignedContent build() {
      if (parts.isEmpty()) {
        throw new IllegalStateException("signed content needs at least one part");
      }
      return new SignedContent(this);
    }

    private Builder add(Part part) {
      parts.add(part);
      return this;
    }
  }

  /**
   * The parts this class offers, one final class: {@link #writeTo(ContentSink, WebhookRequest,
   * CharSequence)} calls them directly (a switch on the kind), not through the {@link Part}
   * interface, whose call site sees every provider's parts and so cannot be inlined.
   */
  private static final class CorePart implements Part {
    enum Kind {
      LITERAL,
      TIMESTAMP,
      HEADER,
      METHOD,
      URI,
      BODY
    }

    private final Kind kind;
    private final String name;
    private final byte[] literal;
    private final String header;
    private final String lowerCaseHeader;

    CorePart(Kind kind, String name, byte[] literal, String header) {
      this.kind = kind;
      this.name = name;
      this.literal = literal;
      this.header = header;
      this.lowerCaseHeader = header == null ? null : WebhookRequest.asciiLowerCase(header);
    }

    @Override
    public void writeTo(ContentSink sink, WebhookRequest request, CharSequence timestamp)
        throws WebhookVerificationException {
      switch (kind) {
        case LITERAL:
          sink.write(literal, 0, literal.length);
          break;
        case TIMESTAMP:
          sink.writeUtf8(timestamp);
          break;
        case HEADER:
          List<String> values = request.headers(header, lowerCaseHeader);
          if (values.size() != 1) {
            throw new WebhookVerificationException(
                Reason.MALFORMED_SIGNATURE,
                "signed header " + header + " must be sent exactly once");
          }
          sink.writeUtf8(values.get(0));
          break;
        case METHOD:
          sink.writeUtf8(request.method());
          break;
        case URI:
          sink.writeUtf8(request.uri());
          break;
        case BODY:
          byte[] body = request.bodyBytes();
          sink.write(body, 0, body.length);
          break;
        default:
          throw new AssertionError(kind);
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
