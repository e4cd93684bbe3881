package dev.hookverify;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a sender puts its signature and how the header is laid out.
 *
 * <p>Two layouts cover most senders:
 *
 * <ul>
 *   <li>a single value with an optional prefix: GitHub's {@code X-Hub-Signature-256: sha256=<hex>}
 *   <li>a list of {@code key=value} items: Stripe's {@code t=<ts>,v1=<hex>,v1=<hex>} (items
 *       separated by {@code ,}, keys by {@code =}) or Standard Webhooks' {@code v1,<b64> v1,<b64>}
 *       (items by space, keys by {@code ,}). Items with other keys ({@code v0}, future versions)
 *       are ignored; the timestamp may be one of the items.
 * </ul>
 *
 * <p>A sender that sends each signature in a header of its own (DocuSign's numbered headers, Box's
 * primary and secondary) uses the single-value layout over several names with {@link
 * Builder#everyName}: every name present then contributes its signature.
 *
 * <p>Hostile input costs bounded work: a header longer than {@value #MAX_HEADER_LENGTH} characters,
 * sent more than once, or with more than {@value #MAX_CANDIDATES} signatures is {@link
 * Reason#MALFORMED_SIGNATURE} before anything is decoded.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SignatureHeader {
  /** The longest signature header read, in characters. */
  public static final int MAX_HEADER_LENGTH = 8192;

  /** The most signatures one header may carry (several are sent during key rotation). */
  public static final int MAX_CANDIDATES = 16;

  private final List<String> names;
  private final String[] lowerCaseNames; // null where a name is not ASCII
  private final String prefix;
  private final char itemSeparator;
  private final char keySeparator;
  private final String signatureKey;
  private final String timestampKey;
  private final SignatureEncoding encoding;
  private final boolean everyName;
  private final Attempt missing;

  private SignatureHeader(Builder b) {
    this.names = List.copyOf(b.names);
    this.lowerCaseNames = new String[names.size()];
    for (int n = 0; n < names.size(); n++) {
      lowerCaseNames[n] = WebhookRequest.asciiLowerCase(names.get(n));
    }
    this.prefix = b.prefix;
    this.itemSeparator = b.itemSeparator;
    this.keySeparator = b.keySeparator;
    this.signatureKey = b.signatureKey;
    this.timestampKey = b.timestampKey;
    this.encoding = b.encoding;
    this.everyName = b.everyName;
    this.missing = Attempt.absent("missing signature header " + names.get(0));
  }

  /**
   * A builder for the header {@code name}; give several names when the sender uses any of them (the
   * first one present is read).
   */
  public static Builder builder(String name, String... otherNames) {
    return new Builder(name, otherNames);
  }

  /** Whether the timestamp is an item of this header. */
  boolean carriesTimestamp() {
    return timestampKey != null;
  }

  /** The names this header may be sent under. */
  public List<String> names() {
    return names;
  }

  /**
   * Finds the header in {@code request} and records in {@code parsed} where its signatures and
   * timestamp are: the one grammar every signature scheme's header goes through.
   *
   * @return null when parsed, else {@link Attempt.Absent} or a {@link Reason#MALFORMED_SIGNATURE}
   *     rejection
   */
  Attempt parse(WebhookRequest request, ParsedSignatures parsed) {
    if (everyName) {
      return parseEveryName(request, parsed);
    }
    String value = null;
    String name = null;
    for (int n = 0; n < names.size(); n++) {
      String candidate = names.get(n);
      List<String> values = request.headers(candidate, lowerCaseNames[n]);
      if (!values.isEmpty()) {
        if (values.size() > 1) {
          return malformed(candidate, "sent more than once");
        }
        value = values.get(0);
        name = candidate;
        break;
      }
    }
    if (value == null) {
      return missing;
    }
    if (value.length() > MAX_HEADER_LENGTH) {
      return malformed(name, "too long");
    }
    parsed.reset(value);
    int start = 0;
    int end = value.length();
    while (start < end && isSpace(value.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(value.charAt(end - 1))) {
      end--;
    }
    if (itemSeparator == 0) {
      if (!value.startsWith(prefix, start)) {
        return malformed(name, "lacks its prefix");
      }
      parsed.addCandidate(start + prefix.length(), end);
    } else {
      Attempt rejected = parseItems(value, start, end, name, parsed);
      if (rejected != null) {
        return rejected;
      }
    }
    if (parsed.candidateCount() == 0) {
      return malformed(name, "carries no signature");
    }
    return null;
  }

  /**
   * The {@link Builder#everyName} layout: each name present is sent once and carries one signature
   * after the prefix. The values are joined into one text (a line feed between them) so that the
   * candidates are windows of it, as in the other layouts.
   */
  private Attempt parseEveryName(WebhookRequest request, ParsedSignatures parsed) {
    StringBuilder joined = null;
    int[] bounds = null;
    int present = 0;
    for (int n = 0; n < names.size(); n++) {
      String name = names.get(n);
      List<String> values = request.headers(name, lowerCaseNames[n]);
      if (values.isEmpty()) {
        continue;
      }
      if (values.size() > 1) {
        return malformed(name, "sent more than once");
      }
      String value = values.get(0);
      if (value.length() > MAX_HEADER_LENGTH) {
        return malformed(name, "too long");
      }
      if (present == MAX_CANDIDATES) {
        return malformed(names.get(0), "and the other names carry too many signatures");
      }
      int start = 0;
      int end = value.length();
      while (start < end && isSpace(value.charAt(start))) {
        start++;
      }
      while (end > start && isSpace(value.charAt(end - 1))) {
        end--;
      }
      if (!value.startsWith(prefix, start)) {
        return malformed(name, "lacks its prefix");
      }
      if (joined == null) {
        joined = new StringBuilder();
        bounds = new int[2 * MAX_CANDIDATES];
      } else {
        joined.append('\n');
      }
      bounds[2 * present] = joined.length() + start + prefix.length();
      bounds[2 * present + 1] = joined.length() + end;
      joined.append(value);
      present++;
    }
    if (present == 0) {
      return missing;
    }
    parsed.reset(joined.toString());
    for (int i = 0; i < present; i++) {
      parsed.addCandidate(bounds[2 * i], bounds[2 * i + 1]);
    }
    return null;
  }

  /**
   * Splits {@code value[start, end)} into items and records the signature and timestamp items. One
   * pass over the header: the item separator is found with {@link String#indexOf(int, int)} (each
   * character is looked at once, since every search starts after the previous item), and an item's
   * key is matched in place, so a signature's text is not scanned for a key separator.
   */
  private Attempt parseItems(
      String value, int start, int end, String name, ParsedSignatures parsed) {
    int itemStart = start;
    while (itemStart <= end) {
      int itemEnd = value.indexOf(itemSeparator, itemStart);
      if (itemEnd < 0 || itemEnd > end) {
        itemEnd = end; // the last item; a separator past the end can only be trailing space
      }
      int s = itemStart;
      int e = itemEnd;
      while (s < e && isSpace(value.charAt(s))) {
        s++;
      }
      while (e > s && isSpace(value.charAt(e - 1))) {
        e--;
      }
      if (isKeyed(value, s, e, signatureKey)) {
        if (parsed.candidateCount() == MAX_CANDIDATES) {
          return malformed(name, "carries too many signatures");
        }
        parsed.addCandidate(s + signatureKey.length() + 1, e);
      } else if (timestampKey != null && isKeyed(value, s, e, timestampKey)) {
        if (parsed.hasTimestamp()) {
          return malformed(name, "carries more than one timestamp");
        }
        parsed.setTimestamp(s + timestampKey.length() + 1, e);
      }
      itemStart = itemEnd + 1;
    }
    return null;
  }

  /**
   * Whether the item {@code value[s, e)} is keyed {@code key}: the text before its first key
   * separator is {@code key}. The builder refuses keys that contain the key separator, so this is
   * {@code key} followed by the separator.
   */
  private boolean isKeyed(String value, int s, int e, String key) {
    int separator = s + key.length();
    return separator < e && value.charAt(separator) == keySeparator && value.startsWith(key, s);
  }

  boolean decode(String text, int start, int end, byte[] out) {
    return encoding.decode(text, start, end, out);
  }

  byte[] decodeVariable(String text, int start, int end, int maxLength) {
    return encoding.decodeVariable(text, start, end, maxLength);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  private static Attempt malformed(String name, String what) {
    return Attempt.rejected(Reason.MALFORMED_SIGNATURE, "signature header " + name + " " + what);
  }

  @Override
  public String toString() {
    return "SignatureHeader{" + names + ", " + encoding + "}";
  }

  /** Builds a {@link SignatureHeader}; checks each input at once. Not thread-safe. */
  public static final class Builder {
    private final List<String> names = new ArrayList<>();
    private String prefix = "";
    private char itemSeparator;
    private char keySeparator;
    private String signatureKey;
    private String timestampKey;
    private SignatureEncoding encoding = SignatureEncoding.HEX;
    private boolean everyName;

    private Builder(String name, String... otherNames) {
      names.add(requireNonBlank(name, "name"));
      for (String other : otherNames) {
        names.add(requireNonBlank(other, "name"));
      }
    }

    /** A single value that starts with {@code prefix}, such as {@code sha256=}. */
    public Builder prefix(String prefix) {
      this.prefix = requireNonNull(prefix, "prefix");
      return this;
    }

    /**
     * A list of items separated by {@code itemSeparator}, each a key and a value separated by
     * {@code keySeparator}; the signatures are the values of the items keyed {@code signatureKey}.
     */
    public Builder list(char itemSeparator, char keySeparator, String signatureKey) {
      if (itemSeparator == keySeparator || itemSeparator == 0 || keySeparator == 0) {
        throw new IllegalArgumentException("separators must differ and be non-zero");
      }
      this.itemSeparator = itemSeparator;
      this.keySeparator = keySeparator;
      this.signatureKey = requireNonBlank(signatureKey, "signatureKey");
      return this;
    }

    /** The list item that carries the timestamp, such as Stripe's {@code t}. */
    public Builder timestampKey(String key) {
      this.timestampKey = requireNonBlank(key, "key");
      return this;
    }

    /**
     * Reads every name given to {@link SignatureHeader#builder} that is present, each carrying one
     * signature after the prefix, instead of only the first one present: for senders that put each
     * signature in a header of its own (DocuSign's numbered {@code X-DocuSign-Signature-1}, {@code
     * -2}, ...; Box's primary and secondary). Only the names given are looked up, so their number
     * bounds the work; more than {@value SignatureHeader#MAX_CANDIDATES} present, a repeated one,
     * or one without its prefix is {@link Reason#MALFORMED_SIGNATURE}.
     */
    public Builder everyName() {
      this.everyName = true;
      return this;
    }

    /** How the signature bytes are written; default {@link SignatureEncoding#HEX}. */
    public Builder encoding(SignatureEncoding encoding) {
      this.encoding = requireNonNull(encoding, "encoding");
      return this;
    }

    /**
     * The header layout.
     *
     * @throws IllegalStateException if a timestamp key or prefix is combined with the wrong layout
     */
    public SignatureHeader build() {
      if (timestampKey != null && itemSeparator == 0) {
        throw new IllegalStateException("timestampKey needs the list layout");
      }
      if (!prefix.isEmpty() && itemSeparator != 0) {
        throw new IllegalStateException("prefix applies to the single-value layout only");
      }
      if (everyName && itemSeparator != 0) {
        throw new IllegalStateException("everyName applies to the single-value layout only");
      }
      if (timestampKey != null && timestampKey.equals(signatureKey)) {
        throw new IllegalStateException("timestampKey and signatureKey must differ");
      }
      // Such a key could never match: an item's key ends at its first key separator.
      if (itemSeparator != 0 && signatureKey.indexOf(keySeparator) >= 0
          || timestampKey != null && timestampKey.indexOf(keySeparator) >= 0) {
        throw new IllegalStateException("a key must not contain the key separator");
      }
      return new SignatureHeader(this);
    }

    private static String requireNonBlank(String value, String what) {
      if (requireNonNull(value, what).isBlank()) {
        throw new IllegalArgumentException(what + " is blank");
      }
      return value;
    }
  }
}
