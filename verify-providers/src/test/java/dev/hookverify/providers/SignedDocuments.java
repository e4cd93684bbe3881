package dev.hookverify.providers;

import static dev.hookverify.providers.HandlerViews.at;
import static dev.hookverify.providers.HandlerViews.text;

import dev.hookverify.DeliveryId;
import dev.hookverify.providers.HandlerViews.Parser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Documents of senders that sign fields rather than bodies (Adyen, Mailgun), signed genuinely for
 * every way a parser may read them, so that a verifier that reads them any of those ways could
 * accept them: the differential tests and the fuzz targets use these to make acceptance possible. A
 * document marks each signature it carries with the placeholder {@code "SIG#"}.
 */
public final class SignedDocuments {
  /** Adyen's HMAC key in the SDK's test (hex). */
  public static final String ADYEN_KEY =
      "9064450A8892A093D9E97EFCC9639DE31B74F3A7803135555A3C96F5A57915D6";

  /** Mailgun's signing key in mailgun-php's test. */
  public static final String MAILGUN_KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";

  private SignedDocuments() {}

  /**
   * The signatures an Adyen reading of {@code tree} expects, by placeholder: every element of
   * {@code notificationItems} that is an item is signed, whatever its neighbours are, as a reader
   * that skips what is not an item would see it.
   */
  public static Map<String, String> adyenSignatures(Object tree) {
    Map<String, String> signatures = new LinkedHashMap<>();
    Object elements = at(tree, "notificationItems");
    if (!(elements instanceof List)) {
      return signatures;
    }
    for (Object element : (List<?>) elements) {
      Object item = at(element, "NotificationRequestItem");
      if (!(item instanceof Map)) {
        continue;
      }
      List<Object> view = HandlerViews.adyenItem(item);
      Object placeholder = view.get(8);
      HandlerViews.adyenDataToSign(view)
          .filter(data -> placeholder instanceof String)
          .ifPresent(
              data ->
                  signatures.put(
                      (String) placeholder,
                      Base64.getEncoder()
                          .encodeToString(hmac(HexFormat.of().parseHex(ADYEN_KEY), data))));
    }
    return signatures;
  }

  /** The text Mailgun signs, as a reading of {@code tree} sees it: timestamp then token. */
  public static java.util.Optional<String> mailgunSignedText(Object tree) {
    Object timestamp = at(tree, "signature", "timestamp");
    Object token = at(tree, "signature", "token");
    Object ts = text(timestamp);
    if (!(ts instanceof String) || !(token instanceof String)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(ts + (String) token);
  }

  public static String mailgunId(String signedText) {
    if (DeliveryId.isValid(signedText)) {
      return signedText;
    }
    return "sha256-" + HexFormat.of().formatHex(Tokens.sha256(signedText));
  }

  public static Map<String, String> mailgunSignatures(Object tree) {
    Map<String, String> signatures = new LinkedHashMap<>();
    Object placeholder = at(tree, "signature", "signature");
    mailgunSignedText(tree)
        .ifPresent(
            data -> {
              if (placeholder instanceof String) {
                signatures.put(
                    (String) placeholder,
                    HexFormat.of()
                        .formatHex(hmac(MAILGUN_KEY.getBytes(StandardCharsets.UTF_8), data)));
              }
            });
    return signatures;
  }

  /**
   * The document signed for each reading of it: for each of Jackson databind, Gson, org.json and a
   * first-wins reader that reads it, every {@code SIG#} placeholder that reading takes for a
   * signature is replaced by the signature {@code sign} computes for what it reads, the others by a
   * wrong one. So a verifier that reads the document as any of them sees a genuine signature.
   */
  public static List<byte[]> signedForEveryReading(
      byte[] utf8, Function<Object, Map<String, String>> sign) {
    String numbered = numberPlaceholders(new String(utf8, StandardCharsets.ISO_8859_1));
    byte[] document = numbered.getBytes(StandardCharsets.ISO_8859_1);
    List<Object> readings = new ArrayList<>();
    for (Parser parser : Parser.values()) {
      try {
        readings.add(HandlerViews.read(parser, document));
      } catch (Exception refused) {
        // this reader signs nothing
      }
    }
    Object firstWins = HandlerViews.firstWins(document);
    if (firstWins != null) {
      readings.add(firstWins);
    }
    for (Object reading : List.copyOf(readings)) {
      readings.add(HandlerViews.dotsExpanded(reading));
    }
    Set<String> bodies = new LinkedHashSet<>();
    for (Object reading : readings) {
      Map<String, String> signatures = sign.apply(reading);
      String body = numbered;
      for (Map.Entry<String, String> signature : signatures.entrySet()) {
        body = body.replace("\"" + signature.getKey() + "\"", "\"" + signature.getValue() + "\"");
      }
      bodies.add(body.replaceAll("SIG#[0-9]+", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
    }
    if (bodies.isEmpty()) {
      bodies.add(numbered.replaceAll("SIG#[0-9]+", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
    }
    List<byte[]> out = new ArrayList<>();
    for (String body : bodies) {
      out.add(body.getBytes(StandardCharsets.ISO_8859_1));
    }
    return out;
  }

  private static String numberPlaceholders(String text) {
    StringBuilder out = new StringBuilder();
    int n = 0;
    int from = 0;
    for (int at = text.indexOf("SIG#"); at >= 0; at = text.indexOf("SIG#", from)) {
      out.append(text, from, at + 4).append(++n);
      from = at + 4;
    }
    return out.append(text.substring(from)).toString();
  }

  public static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
