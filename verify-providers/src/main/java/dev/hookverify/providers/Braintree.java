package dev.hookverify.providers;

import static java.util.Objects.requireNonNull;

import dev.hookverify.Attempt;
import dev.hookverify.AuthenticationContext;
import dev.hookverify.Authenticator;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.internal.Digests;
import dev.hookverify.internal.FormData;
import dev.hookverify.internal.UriParts;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Braintree: a form post ({@code application/x-www-form-urlencoded}) of two fields, {@code
 * bt_signature} and {@code bt_payload}. The payload is base64 of an XML {@code <notification>}; the
 * signature is a list of {@code public_key|hex} pairs joined by {@code &}, each an HMAC-SHA1 of the
 * payload text whose key is the SHA-1 digest of that API key's private key. Braintree's SDK also
 * accepts the HMAC of the payload followed by a newline, and so does this verifier. No timestamp
 * (the XML's is not signed) and no delivery id: the delivery key is a digest of exactly the payload
 * text the HMAC covered.
 *
 * <p><b>Keys.</b> A key is an API key pair: its public key names the signature, its private key
 * signs ({@link #key(String, String)}; as text, {@code public_key:private_key}). Only the pair of a
 * configured public key is tried; a list of more than {@value #MAX_PAIRS} pairs, a configured
 * public key named twice or a pair that is not 40 hex digits is {@link Reason#MALFORMED_SIGNATURE};
 * a list that names no configured key is {@link Reason#SIGNATURE_MISMATCH}. At most two HMACs of
 * the payload per configured key, whatever the list holds.
 *
 * <p><b>One strict reading.</b> The form is read once as servlet containers read it ({@link
 * FormData}: at most 1,000 parameters, every escape valid, UTF-8): a form that cannot be read so,
 * or that carries either field more than once, is {@link Reason#MALFORMED_SIGNATURE}, so a
 * container that keeps the first value and one that keeps the last cannot disagree about what was
 * signed. The same holds for the query, which containers merge into the form's parameters (its
 * values first) and which is not signed: a query naming either field, or one containers cannot read
 * alike, is {@link Reason#MALFORMED_SIGNATURE}; so is a body sent as another media type than {@code
 * application/x-www-form-urlencoded} (a multipart body is read as parts). The payload must be
 * base64 ({@code [A-Za-z0-9+/=]} and newlines) that decodes; both fields are ASCII, so the form's
 * charset cannot change them.
 *
 * <p><b>What is verified is what the handler reads.</b> The signature covers the payload, not the
 * form around it, so the body is never reported as signed: read the verified notification with
 * {@link #notificationXml(VerifiedWebhook)}, the decoded XML bytes of the payload the HMAC covered,
 * never the form again.
 *
 * <p><b>Endpoint check.</b> Braintree verifies a destination by sending {@code bt_challenge} (20 to
 * 32 lower-case hex digits, unsigned: there is nothing to verify) and expecting {@code
 * public_key|hex(HMAC-SHA1(SHA-1(private_key), challenge))}: {@link #challengeResponse(Key,
 * String)} answers only a well-formed challenge. Since anyone can ask for that answer, a {@code
 * bt_payload} shaped like a challenge is {@link Reason#MALFORMED_SIGNATURE}: the answer is never
 * accepted as a notification's signature.
 *
 * @see <a href="https://developer.paypal.com/braintree/docs/guides/webhooks/parse/java">Braintree:
 *     parse webhooks</a>
 */
public final class Braintree {
  /** The registry name. */
  public static final String NAME = "braintree";

  /** The form field that carries the signatures. */
  public static final String SIGNATURE_FIELD = "bt_signature";

  /** The form field that carries the base64 notification. */
  public static final String PAYLOAD_FIELD = "bt_payload";

  /** The query parameter of Braintree's endpoint check. */
  public static final String CHALLENGE_PARAMETER = "bt_challenge";

  /** The most {@code public_key|signature} pairs read from {@code bt_signature}. */
  public static final int MAX_PAIRS = 16;

  private static final String SYNTHETIC_HEADER = "Braintree-Signature";
  private static final int TAG_HEX_LENGTH = 40;

  private Braintree() {}

  /**
   * An API key pair.
   *
   * @throws IllegalArgumentException if the public key is not 1 to 64 letters, digits, {@code _} or
   *     {@code -}, or the private key is empty, blank or has surrounding whitespace
   */
  public static Key key(String publicKey, String privateKey) {
    requireNonNull(publicKey, "publicKey");
    requireNonNull(privateKey, "privateKey");
    if (!publicKey.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException(
          "a Braintree public key is 1 to 64 letters, digits, '_' or '-'");
    }
    WebhookSecret.ofUtf8(privateKey); // refuses empty, blank and padded keys, as for every secret
    return new Key(publicKey, WebhookSecret.ofBytes(sha1(privateKey)));
  }

  /**
   * An API key pair written {@code public_key:private_key}, as the registry and the command-line
   * tool take it.
   *
   * @throws IllegalArgumentException if it is not written so
   */
  public static Key key(String publicColonPrivate) {
    int colon = requireNonNull(publicColonPrivate, "publicColonPrivate").indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("a Braintree key is written public_key:private_key");
    }
    return key(publicColonPrivate.substring(0, colon), publicColonPrivate.substring(colon + 1));
  }

  /** The HMAC key of a key pair's text, for the registry's key form. */
  static WebhookSecret secret(String publicColonPrivate) {
    return key(publicColonPrivate).hmacKey;
  }

  /** A fresh key pair's text, for tests and demos. */
  static String newTestKey() {
    byte[] random = new byte[16];
    new java.security.SecureRandom().nextBytes(random);
    return "test_public_key_" + Signed.hex(random).substring(0, 8) + ":" + Signed.hex(random);
  }

  /** A verifier for one API key pair. */
  public static WebhookVerifier verifier(String publicKey, String privateKey) {
    return builder(List.of(key(publicKey, privateKey))).build();
  }

  /**
   * A verifier builder for the API key pairs {@code keys} (several during a rotation).
   *
   * @throws IllegalArgumentException if there is none, more than {@link KeyRing#MAX_KEYS}, or two
   *     share a public key
   */
  public static WebhookVerifier.Builder builder(List<Key> keys) {
    if (keys.isEmpty() || keys.size() > KeyRing.MAX_KEYS) {
      throw new IllegalArgumentException("1 to " + KeyRing.MAX_KEYS + " Braintree keys");
    }
    Set<String> publicKeys = new HashSet<>();
    List<Signer> signers = new ArrayList<>();
    for (Key key : keys) {
      if (!publicKeys.add(key.publicKey)) {
        throw new IllegalArgumentException("public key repeated: " + key.publicKey);
      }
      signers.add(new Signer(key));
    }
    return WebhookVerifier.builder(NAME).authenticator(new FormSignature(signers));
  }

  /**
   * A verifier builder for key pairs written {@code public_key:private_key}, configured by {@code
   * options}; Braintree signs no timestamp and no URL, so no option applies.
   *
   * @throws IllegalArgumentException if a key is not written so, or an option is set
   */
  static WebhookVerifier.Builder builder(List<String> keys, ProviderOptions options) {
    options.allowOnly(NAME);
    List<Key> pairs = new ArrayList<>();
    keys.forEach(text -> pairs.add(key(text)));
    return builder(pairs);
  }

  /**
   * The notification of a delivery {@code webhook} that a Braintree verifier accepted: the XML
   * bytes the verified {@code bt_payload} encodes, read by the same strict parse the verifier used.
   *
   * @throws IllegalArgumentException if {@code webhook} was not verified by a Braintree verifier
   */
  public static byte[] notificationXml(VerifiedWebhook webhook) {
    if (!webhook.provider().equals(NAME)) {
      throw new IllegalArgumentException("not a Braintree delivery: " + webhook.provider());
    }
    Fields fields = new Fields();
    if (read(ByteBuffer.wrap(webhook.body()), fields) != null) {
      throw new IllegalArgumentException("not a verified Braintree delivery");
    }
    return decode(fields.payload);
  }

  /**
   * The answer to Braintree's endpoint check for {@code challenge}: {@code
   * public_key|hex(HMAC-SHA1(SHA-1(private_key), challenge))}.
   *
   * @throws WebhookVerificationException {@link Reason#MALFORMED_SIGNATURE} if the challenge is not
   *     20 to 32 lower-case hex digits, as Braintree sends it
   */
  public static String challengeResponse(Key key, String challenge)
      throws WebhookVerificationException {
    requireNonNull(key, "key");
    if (challenge == null || !challenge.matches("[0-9a-f]{20,32}")) {
      throw new WebhookVerificationException(
          Reason.MALFORMED_SIGNATURE, "bt_challenge is not 20 to 32 lower-case hex digits");
    }
    return key.publicKey + "|" + Signed.hex(hmac(key, challenge));
  }

  /**
   * The answer to the endpoint check in {@code request}'s query ({@code bt_challenge}, read as a
   * servlet container reads it: sent once, its name not encoded).
   *
   * @throws WebhookVerificationException {@link Reason#MISSING_SIGNATURE} if there is none, {@link
   *     Reason#MALFORMED_SIGNATURE} if it is malformed
   */
  public static String challengeResponse(Key key, WebhookRequest request)
      throws WebhookVerificationException {
    Optional<String> challenge = UriParts.queryParameter(request.uri(), CHALLENGE_PARAMETER);
    if (challenge.isEmpty()) {
      throw new WebhookVerificationException(
          Reason.MISSING_SIGNATURE, "no single " + CHALLENGE_PARAMETER + " in the query");
    }
    return challengeResponse(key, challenge.get());
  }

  /**
   * What Braintree posts for {@code webhook}, signed with the key pair {@code keyText}: a form
   * whose {@code bt_payload} is the webhook's body (the notification XML) in base64 lines of 60
   * characters, as Braintree's servers write it, and whose {@code bt_signature} is the key's pair.
   */
  static SignedDelivery signedDelivery(String keyText, OutgoingWebhook webhook) {
    Key key = key(keyText);
    String payload = base64Lines(webhook.body());
    String signature = key.publicKey + "|" + Signed.hex(hmac(key, payload));
    String form =
        SIGNATURE_FIELD
            + "="
            + UriParts.formEncode(signature)
            + "&"
            + PAYLOAD_FIELD
            + "="
            + UriParts.formEncode(payload);
    return SignedDelivery.of(Map.of(), form.getBytes(StandardCharsets.US_ASCII));
  }

  /** Ruby's {@code Base64.encode64}: lines of 60 characters, each ended by a newline. */
  static String base64Lines(byte[] bytes) {
    String base64 = Signed.base64(bytes);
    StringBuilder out = new StringBuilder(base64.length() + base64.length() / 60 + 1);
    for (int i = 0; i < base64.length(); i += 60) {
      out.append(base64, i, Math.min(base64.length(), i + 60)).append('\n');
    }
    return out.toString();
  }

  /** The hex HMAC-SHA1 Braintree computes over {@code text} with {@code key}. */
  static byte[] hmac(Key key, String text) {
    return SignedContent.body()
        .hmac(
            HmacAlgorithm.SHA1,
            key.hmacKey,
            Signed.request("POST", "", Map.of(), text.getBytes(StandardCharsets.UTF_8)),
            "");
  }

  private static byte[] sha1(String text) {
    return Digests.newDigest("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A Braintree API key pair: the public key in the clear, the private key only as the HMAC key it
   * derives (its SHA-1 digest). Immutable and thread-safe; its {@code toString} shows the public
   * key only.
   */
  public static final class Key {
    private final String publicKey;
    private final WebhookSecret hmacKey;

    private Key(String publicKey, WebhookSecret hmacKey) {
      this.publicKey = publicKey;
      this.hmacKey = hmacKey;
    }

    /** The public key, which names this key's signature. */
    public String publicKey() {
      return publicKey;
    }

    @Override
    public String toString() {
      return "Braintree.Key{" + publicKey + "}";
    }
  }

  /** The two fields of a Braintree form; null where absent. */
  static final class Fields {
    String signature;

    /** The payload text's bytes (ASCII), read once. */
    byte[] payload;
  }

  private static final Attempt NOT_A_FORM =
      Attempt.rejected(
          Reason.MALFORMED_SIGNATURE, "body is not a form every servlet container reads alike");
  private static final Attempt TOO_MANY_PARAMETERS =
      Attempt.rejected(
          Reason.BODY_TOO_LARGE, "form has more than " + FormData.MAX_PARAMETERS + " parameters");
  private static final Attempt NO_SIGNATURE = Attempt.absent("form carries no " + SIGNATURE_FIELD);
  private static final Attempt REPEATED =
      Attempt.rejected(Reason.MALFORMED_SIGNATURE, "a Braintree field is sent more than once");
  private static final Attempt NO_PAYLOAD =
      Attempt.rejected(Reason.MALFORMED_SIGNATURE, "form carries no " + PAYLOAD_FIELD);
  private static final Attempt BAD_PAYLOAD =
      Attempt.rejected(Reason.MALFORMED_SIGNATURE, PAYLOAD_FIELD + " is not base64");

  private static final Attempt CHALLENGE_AS_PAYLOAD =
      Attempt.rejected(
          Reason.MALFORMED_SIGNATURE,
          PAYLOAD_FIELD
              + " is shaped like a "
              + CHALLENGE_PARAMETER
              + ", whose answer is not a"
              + " signature");

  private static final byte[] SIGNATURE_NAME = SIGNATURE_FIELD.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PAYLOAD_NAME = PAYLOAD_FIELD.getBytes(StandardCharsets.US_ASCII);

  /**
   * Reads the form {@code body} into {@code fields} in one strict pass, in place: as {@link
   * FormData} reads a form (items split at {@code &}, empty items skipped, name and value split at
   * the first {@code =}, {@code +} and {@code %XX} decoded, every name and value well-formed UTF-8,
   * at most {@link FormData#MAX_PARAMETERS} parameters), but allocating only the two fields'
   * values.
   *
   * @return null if the body was read and carries a signature; else why not
   */
  static Attempt read(ByteBuffer body, Fields fields) {
    int start = body.position();
    int end = body.limit();
    int count = 0;
    int signatureAt = -1;
    int payloadAt = -1;
    boolean repeated = false;
    for (int item = start; item < end; ) {
      int itemEnd = item;
      int equals = -1;
      while (itemEnd < end && body.get(itemEnd) != '&') {
        if (equals < 0 && body.get(itemEnd) == '=') {
          equals = itemEnd;
        }
        itemEnd++;
      }
      if (itemEnd > item) {
        if (++count > FormData.MAX_PARAMETERS) {
          return TOO_MANY_PARAMETERS;
        }
        int nameEnd = equals < 0 ? itemEnd : equals;
        int valueStart = equals < 0 ? itemEnd : equals + 1;
        if (decodedLength(body, item, nameEnd) < 0
            || decodedLength(body, valueStart, itemEnd) < 0) {
          return NOT_A_FORM;
        }
        if (decodedEquals(body, item, nameEnd, SIGNATURE_NAME)) {
          repeated |= signatureAt >= 0;
          signatureAt = item;
        } else if (decodedEquals(body, item, nameEnd, PAYLOAD_NAME)) {
          repeated |= payloadAt >= 0;
          payloadAt = item;
        }
      }
      item = itemEnd + 1;
    }
    if (signatureAt < 0) {
      return NO_SIGNATURE;
    }
    if (repeated) {
      return REPEATED;
    }
    if (payloadAt < 0) {
      return NO_PAYLOAD;
    }
    byte[] payload = value(body, payloadAt, end);
    if (!isBase64(payload)) {
      return BAD_PAYLOAD;
    }
    if (isChallenge(payload)) {
      return CHALLENGE_AS_PAYLOAD;
    }
    fields.signature = new String(value(body, signatureAt, end), StandardCharsets.UTF_8);
    fields.payload = payload;
    return null;
  }

  /** The decoded value of the item at {@code item} (a name, maybe {@code =}, a value). */
  private static byte[] value(ByteBuffer body, int item, int end) {
    int i = item;
    while (i < end && body.get(i) != '=' && body.get(i) != '&') {
      i++;
    }
    if (i == end || body.get(i) == '&') {
      return new byte[0];
    }
    int valueEnd = i + 1;
    while (valueEnd < end && body.get(valueEnd) != '&') {
      valueEnd++;
    }
    byte[] out = new byte[decodedLength(body, i + 1, valueEnd)];
    int at = 0;
    for (int j = i + 1; j < valueEnd; ) {
      int x = next(body, j);
      out[at++] = (byte) x;
      j += x >>> 8;
    }
    return out;
  }

  /** Whether {@code body[from, to)} decodes to exactly {@code ascii}. */
  private static boolean decodedEquals(ByteBuffer body, int from, int to, byte[] ascii) {
    int k = 0;
    for (int i = from; i < to; ) {
      int x = next(body, i);
      if (k == ascii.length || (byte) x != ascii[k++]) {
        return false;
      }
      i += x >>> 8;
    }
    return k == ascii.length;
  }

  /** The byte decoded at {@code i} of a checked component, and above it how many bytes it took. */
  private static int next(ByteBuffer body, int i) {
    byte c = body.get(i);
    if (c == '%') {
      return (Character.digit(body.get(i + 1), 16) << 4 | Character.digit(body.get(i + 2), 16))
          | 3 << 8;
    }
    return (c == '+' ? ' ' : c & 0xff) | 1 << 8;
  }

  /**
   * The decoded length of {@code body[from, to)}, or -1 if an escape is not {@code %XX} or the
   * decoded bytes are not well-formed UTF-8 (Unicode table 3-7: no overlong forms, no surrogates,
   * nothing past U+10FFFF), as the JDK's reporting decoder requires.
   */
  private static int decodedLength(ByteBuffer body, int from, int to) {
    int length = 0;
    int pending = 0;
    int low = 0x80;
    int high = 0xbf;
    for (int i = from; i < to; length++) {
      if (body.get(i) == '%'
          && (i + 2 >= to || !isHexDigit(body.get(i + 1)) || !isHexDigit(body.get(i + 2)))) {
        return -1;
      }
      int x = next(body, i);
      i += x >>> 8;
      int b = x & 0xff;
      if (pending > 0) {
        if (b < low || b > high) {
          return -1;
        }
        pending--;
        low = 0x80;
        high = 0xbf;
      } else if (b >= 0x80) {
        if (b >= 0xc2 && b <= 0xdf) {
          pending = 1;
        } else if (b >= 0xe0 && b <= 0xef) {
          pending = 2;
          low = b == 0xe0 ? 0xa0 : 0x80;
          high = b == 0xed ? 0x9f : 0xbf;
        } else if (b >= 0xf0 && b <= 0xf4) {
          pending = 3;
          low = b == 0xf0 ? 0x90 : 0x80;
          high = b == 0xf4 ? 0x8f : 0xbf;
        } else {
          return -1;
        }
      }
    }
    return pending == 0 ? length : -1;
  }

  private static boolean isHexDigit(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
  }

  /**
   * Whether {@code payload} is base64 as Braintree writes it: the alphabet and newlines, a whole
   * number of quads, {@code =} only as the last one or two characters. Checked in place.
   */
  private static boolean isBase64(byte[] payload) {
    int significant = 0;
    int padding = 0;
    for (byte c : payload) {
      if (c == '\n') {
        continue;
      }
      boolean alphabet =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/';
      if (c == '=') {
        padding++;
      } else if (!alphabet || padding > 0) {
        return false;
      }
      significant++;
    }
    return significant > 0 && significant % 4 == 0 && padding <= 2;
  }

  /**
   * Whether {@code payload} is text {@link #challengeResponse(Key, String)} answers (20 to 32
   * lower-case hex digits, which is also base64 at 20, 24, 28 and 32): anyone can have the endpoint
   * sign such a text, so it is never a signed payload. A notification is XML, whose base64 never
   * starts with a hex digit ({@code <} encodes as {@code P}).
   */
  private static boolean isChallenge(byte[] payload) {
    if (payload.length < 20 || payload.length > 32) {
      return false;
    }
    for (byte c : payload) {
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** The bytes of the base64 {@code payload}, its newlines dropped. */
  private static byte[] decode(byte[] payload) {
    byte[] compact = new byte[payload.length];
    int length = 0;
    for (byte c : payload) {
      if (c != '\n') {
        compact[length++] = c;
      }
    }
    return Base64.getDecoder().decode(java.util.Arrays.copyOf(compact, length));
  }

  /** One configured key: its public key and an HMAC over the synthetic payload request. */
  private static final class Signer {
    final String publicKey;
    final HmacAuthenticator hmac;

    Signer(Key key) {
      this.publicKey = key.publicKey;
      this.hmac =
          HmacAuthenticator.builder(HmacAlgorithm.SHA1)
              .signatureHeader(
                  SignatureHeader.builder(SYNTHETIC_HEADER).encoding(SignatureEncoding.HEX).build())
              .signedContent(SignedContent.body())
              .keys(KeyRing.builder().add(key.publicKey, key.hmacKey).build())
              .build();
    }
  }

  /** Reads the form once, then tries each configured key's pair with core's HMAC engine. */
  private static final class FormSignature implements Authenticator {
    private static final Attempt TOO_MANY_PAIRS =
        Attempt.rejected(
            Reason.MALFORMED_SIGNATURE,
            SIGNATURE_FIELD + " holds more than " + MAX_PAIRS + " pairs");
    private static final Attempt NAMED_TWICE =
        Attempt.rejected(
            Reason.MALFORMED_SIGNATURE, SIGNATURE_FIELD + " names a configured public key twice");
    private static final Attempt NOT_HEX =
        Attempt.rejected(
            Reason.MALFORMED_SIGNATURE,
            "the signature of a configured public key is not " + TAG_HEX_LENGTH + " hex digits");
    private static final Attempt NO_MATCHING_KEY =
        Attempt.rejected(
            Reason.SIGNATURE_MISMATCH, SIGNATURE_FIELD + " names no configured public key");

    private static final Attempt FIELD_IN_QUERY =
        Attempt.rejected(
            Reason.MALFORMED_SIGNATURE,
            "the query names a Braintree field, or is not one every servlet container reads alike");

    private static final Attempt NOT_URLENCODED =
        Attempt.rejected(
            Reason.MALFORMED_SIGNATURE,
            "the body is sent as another media type than application/x-www-form-urlencoded");

    private final List<Signer> signers;

    FormSignature(List<Signer> signers) {
      this.signers = List.copyOf(signers);
    }

    @Override
    public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
      Fields fields = new Fields();
      Attempt unread = read(request.body(), fields);
      if (unread != null) {
        return unread;
      }
      if (!readAsAUrlencodedForm(request.headers("Content-Type"))) {
        return NOT_URLENCODED;
      }
      if (queryNamesAField(request.uri())) {
        return FIELD_IN_QUERY;
      }
      String[] pairs = pairs(fields.signature);
      if (pairs == null) {
        return TOO_MANY_PAIRS;
      }
      Attempt first = null;
      boolean named = false;
      byte[] withNewline = null;
      for (Signer signer : signers) {
        String tag = null;
        for (String pair : pairs) {
          int bar = pair.indexOf('|');
          if (bar == signer.publicKey.length() && pair.startsWith(signer.publicKey)) {
            if (tag != null) {
              return NAMED_TWICE;
            }
            tag = pair.substring(bar + 1);
          }
        }
        if (tag == null) {
          continue;
        }
        named = true;
        if (!isHex(tag)) {
          return NOT_HEX;
        }
        Attempt attempt = signer.hmac.attempt(signed(tag, fields.payload), context);
        if (!(attempt instanceof Attempt.Proven)) {
          // Braintree's SDK also accepts the payload signed with a newline after it; the copy is
          // made once per request, whatever the number of keys.
          if (withNewline == null) {
            withNewline = java.util.Arrays.copyOf(fields.payload, fields.payload.length + 1);
            withNewline[fields.payload.length] = '\n';
          }
          Attempt newline = signer.hmac.attempt(signed(tag, withNewline), context);
          attempt = newline instanceof Attempt.Proven ? newline : attempt;
        }
        if (attempt instanceof Attempt.Proven) {
          // The payload text is signed, not the form around it: no body, no header, no query.
          return Attempt.proven(((Attempt.Proven) attempt).authentication().withoutCoverage());
        }
        first = first == null ? attempt : first;
      }
      return named ? first : NO_MATCHING_KEY;
    }

    /**
     * Whether a container reads the body as the form it was read as here: no {@code Content-Type},
     * or one whose media type is {@code application/x-www-form-urlencoded}. Under {@code
     * multipart/form-data} a container (Spring Boot's multipart resolver, a servlet with multipart
     * configuration) reads parts instead, and a body can be both: the genuine fields inside one
     * part's content, a forged {@code bt_payload} part beside them.
     */
    private static boolean readAsAUrlencodedForm(List<String> contentTypes) {
      if (contentTypes.isEmpty()) {
        return true;
      }
      if (contentTypes.size() > 1) {
        return false;
      }
      String type = contentTypes.get(0);
      int semicolon = type.indexOf(';');
      return (semicolon < 0 ? type : type.substring(0, semicolon))
          .strip()
          .equalsIgnoreCase("application/x-www-form-urlencoded");
    }

    /**
     * Whether the query of {@code uri} carries {@code bt_signature} or {@code bt_payload}, or
     * cannot be read as containers read it. A container's {@code getParameter} merges the query
     * into the form, the query's values first, and the query is not signed: a genuine form posted
     * with {@code ?bt_payload=<forged>} would verify while a handler reading the parameter got the
     * forgery.
     */
    private static boolean queryNamesAField(String uri) {
      int question = uri.indexOf('?');
      if (question < 0) {
        return false;
      }
      int fragment = uri.indexOf('#', question);
      Optional<Map<String, List<String>>> query =
          FormData.parseQuery(
              uri.substring(question + 1, fragment < 0 ? uri.length() : fragment),
              StandardCharsets.UTF_8);
      return query.isEmpty()
          || query.get().containsKey(SIGNATURE_FIELD)
          || query.get().containsKey(PAYLOAD_FIELD);
    }

    /** The {@code &}-separated items of {@code signature}; null if there are too many. */
    private static String[] pairs(String signature) {
      int count = 1;
      for (int i = 0; i < signature.length(); i++) {
        if (signature.charAt(i) == '&' && ++count > MAX_PAIRS) {
          return null;
        }
      }
      return signature.split("&", -1);
    }

    private static boolean isHex(String tag) {
      if (tag.length() != TAG_HEX_LENGTH) {
        return false;
      }
      for (int i = 0; i < tag.length(); i++) {
        char c = tag.charAt(i);
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
          return false;
        }
      }
      return true;
    }

    /** The payload text as the HMAC engine's request: the tag in a header, the text as body. */
    private static WebhookRequest signed(String tag, byte[] payload) {
      return WebhookRequest.builder().header(SYNTHETIC_HEADER, tag).body(payload).build();
    }

    @Override
    public String toString() {
      return "Braintree.FormSignature{" + signers.size() + " keys}";
    }
  }
}
