package dev.hookverify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The list layout's parser ({@code SignatureHeader.parseItems}, one pass, keys matched in place)
 * against the parser it replaced, kept here as the reference: on random headers over the characters
 * that matter (separators, spaces, tabs, key letters, hex, non-ASCII), both find the same
 * signatures and timestamp, or reject the same way.
 */
class SignatureHeaderItemsTest {
  private static final String ALPHABET = "tv10=, \t,=aAfF9xİſ";

  @Test
  void parseItems_randomHeaders_agreeWithTheReferenceParser() {
    List<String> disagreements = new ArrayList<>();
    Random random = new Random(15);
    SignatureHeader stripe =
        SignatureHeader.builder("Sig").list(',', '=', "v1").timestampKey("t").build();
    SignatureHeader standard = SignatureHeader.builder("Sig").list(' ', ',', "v1").build();
    for (int i = 0; i < 20_000; i++) {
      StringBuilder value = new StringBuilder();
      int length = random.nextInt(40);
      for (int c = 0; c < length; c++) {
        value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      check(stripe, ',', '=', "v1", "t", value.toString(), disagreements);
      check(standard, ' ', ',', "v1", null, value.toString(), disagreements);
    }
    check(stripe, ',', '=', "v1", "t", manySignatures(17), disagreements);
    check(stripe, ',', '=', "v1", "t", manySignatures(16), disagreements);
    check(standard, ' ', ',', "v1", null, "v1,abc   ", disagreements);
    check(standard, ' ', ',', "v1", null, "  v1,abc v1,def ", disagreements);
    assertThat(disagreements).isEmpty();
  }

  @Test
  void build_keyContainingTheKeySeparator_isRefused() {
    assertThatThrownBy(() -> SignatureHeader.builder("Sig").list(',', '=', "v=1").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> SignatureHeader.builder("Sig").list(',', '=', "v1").timestampKey("t=").build())
        .isInstanceOf(IllegalStateException.class);
  }

  private static String manySignatures(int count) {
    StringBuilder value = new StringBuilder("t=1");
    for (int i = 0; i < count; i++) {
      value.append(",v1=ab");
    }
    return value.toString();
  }

  private static void check(
      SignatureHeader format,
      char itemSeparator,
      char keySeparator,
      String signatureKey,
      String timestampKey,
      String value,
      List<String> disagreements) {
    WebhookRequest request = WebhookRequest.builder().header("Sig", value).build();
    ParsedSignatures parsed = new ParsedSignatures(32);
    Attempt attempt = format.parse(request, parsed);
    String actual = describe(attempt, parsed);
    String expected = reference(value, itemSeparator, keySeparator, signatureKey, timestampKey);
    if (!actual.equals(expected)) {
      disagreements.add("[" + value + "]: " + actual + " != " + expected);
    }
  }

  private static String describe(Attempt attempt, ParsedSignatures parsed) {
    if (attempt != null) {
      return ((Attempt.Rejected) attempt).message();
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < parsed.candidateCount(); i++) {
      out.append(parsed.candidateStart(i)).append('-').append(parsed.candidateEnd(i)).append(' ');
    }
    return out.append("t=")
        .append(parsed.timestampStart())
        .append('-')
        .append(parsed.timestampEnd())
        .toString();
  }

  /** The parser before the hot-path change, verbatim in behaviour. */
  private static String reference(
      String value, char itemSeparator, char keySeparator, String signatureKey, String tsKey) {
    if (value.length() > SignatureHeader.MAX_HEADER_LENGTH) {
      return "signature header Sig too long";
    }
    int start = 0;
    int end = value.length();
    while (start < end && isSpace(value.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(value.charAt(end - 1))) {
      end--;
    }
    List<int[]> candidates = new ArrayList<>();
    int[] timestamp = {-1, -1};
    int itemStart = start;
    while (itemStart <= end) {
      int itemEnd = indexOf(value, itemSeparator, itemStart, end);
      if (itemEnd < 0) {
        itemEnd = end;
      }
      int s = itemStart;
      int e = itemEnd;
      while (s < e && isSpace(value.charAt(s))) {
        s++;
      }
      while (e > s && isSpace(value.charAt(e - 1))) {
        e--;
      }
      int sep = indexOf(value, keySeparator, s, e);
      if (sep > s) {
        int keyLength = sep - s;
        if (keyLength == signatureKey.length() && value.startsWith(signatureKey, s)) {
          if (candidates.size() == SignatureHeader.MAX_CANDIDATES) {
            return "signature header Sig carries too many signatures";
          }
          candidates.add(new int[] {sep + 1, e});
        } else if (tsKey != null && keyLength == tsKey.length() && value.startsWith(tsKey, s)) {
          if (timestamp[0] >= 0) {
            return "signature header Sig carries more than one timestamp";
          }
          timestamp = new int[] {sep + 1, e};
        }
      }
      itemStart = itemEnd + 1;
    }
    if (candidates.isEmpty()) {
      return "signature header Sig carries no signature";
    }
    StringBuilder out = new StringBuilder();
    for (int[] c : candidates) {
      out.append(c[0]).append('-').append(c[1]).append(' ');
    }
    return out.append("t=").append(timestamp[0]).append('-').append(timestamp[1]).toString();
  }

  private static int indexOf(String s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }
}
