package dev.hookverify.providers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.hookverify.Attempt;
import dev.hookverify.Authentication;
import dev.hookverify.AuthenticationContext;
import dev.hookverify.Authenticator;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.Proof;
import dev.hookverify.Reason;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adyen standard webhooks: no header; every {@code NotificationRequestItem} carries its own {@code
 * additionalData.hmacSignature}, the base64 HMAC-SHA256 (key: the hex HMAC key from the Customer
 * Area, hex-decoded) of {@code pspReference:originalReference:merchantAccountCode:
 * merchantReference:amount.value:amount.currency:eventCode:success}, missing values empty. A
 * request is accepted only if every item verifies. The signature covers those fields, not the body,
 * so the body is not reported as signed. Deduplicate on pspReference, eventCode and success.
 *
 * @see <a href="https://docs.adyen.com/development-resources/webhooks/verify-hmac-signatures/">
 *     Adyen: verify HMAC signatures</a>
 */
public final class Adyen {
  /** The registry name. */
  public static final String NAME = "adyen";

  /** The most notification items accepted in one request. */
  public static final int MAX_ITEMS = 100;

  private static final String SYNTHETIC_HEADER = "Adyen-Item-Signature";
  private static final String[] FIELDS = {
    "pspReference", "originalReference", "merchantAccountCode", "merchantReference"
  };
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private Adyen() {}

  /** The HMAC key as the Customer Area shows it: hex. */
  public static WebhookSecret secret(String hexKey) {
    return WebhookSecret.ofHex(hexKey);
  }

  /** A verifier builder for the HMAC keys of {@code keys} (see {@link #secret}). */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return WebhookVerifier.builder(NAME).authenticator(new ItemSignatures(keys));
  }

  /** The data an item's signature covers. */
  static String dataToSign(Map<String, String> item) {
    StringBuilder out = new StringBuilder();
    for (String field : FIELDS) {
      out.append(item.getOrDefault(field, "")).append(':');
    }
    out.append(item.getOrDefault("amount.value", "")).append(':');
    out.append(item.getOrDefault("amount.currency", "")).append(':');
    out.append(item.getOrDefault("eventCode", "")).append(':');
    return out.append(item.getOrDefault("success", "")).toString();
  }

  /** The {@code hmacSignature} of an item with these fields. */
  public static String sign(WebhookSecret key, Map<String, String> item) {
    byte[] data = dataToSign(item).getBytes(StandardCharsets.UTF_8);
    byte[] tag =
        SignedContent.body()
            .hmac(HmacAlgorithm.SHA256, key, Signed.request("POST", "", Map.of(), data), "");
    return Signed.base64(tag);
  }

  /** Verifies each item's signature with core's HMAC engine. */
  private static final class ItemSignatures implements Authenticator {
    private final HmacAuthenticator hmac;

    ItemSignatures(KeyRing keys) {
      this.hmac =
          HmacAuthenticator.builder(HmacAlgorithm.SHA256)
              .signatureHeader(
                  SignatureHeader.builder(SYNTHETIC_HEADER)
                      .encoding(SignatureEncoding.BASE64)
                      .build())
              .signedContent(SignedContent.body())
              .keys(keys)
              .build();
    }

    @Override
    public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
      return Proofs.attempt(() -> prove(request, context));
    }

    private Authentication prove(WebhookRequest request, AuthenticationContext context)
        throws WebhookVerificationException {
      List<Map<String, String>> items = items(request.body());
      if (items.isEmpty()) {
        throw new WebhookVerificationException(
            Reason.MISSING_SIGNATURE, "body carries no signed notification item");
      }
      Authentication last = null;
      for (Map<String, String> item : items) {
        String signature = item.get("hmacSignature");
        if (signature == null) {
          throw new WebhookVerificationException(
              Reason.MISSING_SIGNATURE, "a notification item has no hmacSignature");
        }
        WebhookRequest signed =
            WebhookRequest.builder()
                .header(SYNTHETIC_HEADER, signature)
                .body(dataToSign(item).getBytes(StandardCharsets.UTF_8))
                .build();
        last = Proofs.require(hmac, signed, context);
      }
      return last.withoutCoverage();
    }
  }

  /**
   * The items' signed fields and signatures, from {@code notificationItems[].
   * NotificationRequestItem}; empty if the body is not such a document.
   */
  static List<Map<String, String>> items(ByteBuffer body) throws WebhookVerificationException {
    byte[] bytes = new byte[body.remaining()];
    body.get(bytes);
    List<Map<String, String>> items = new ArrayList<>();
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return items;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        if (field.equals("notificationItems") && p.nextToken() == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              if (p.currentName().equals("NotificationRequestItem")
                  && p.nextToken() == JsonToken.START_OBJECT) {
                if (items.size() == MAX_ITEMS) {
                  throw new WebhookVerificationException(
                      Reason.MALFORMED_SIGNATURE, "more than " + MAX_ITEMS + " notification items");
                }
                Map<String, String> item = new HashMap<>();
                readItem(p, item, "");
                items.add(item);
              } else {
                p.nextToken();
                p.skipChildren();
              }
            }
          }
        } else {
          p.nextToken();
          p.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new WebhookVerificationException(
          Reason.MALFORMED_SIGNATURE, "body is not an Adyen notification");
    }
    return items;
  }

  /**
   * Positioned on START_OBJECT: collects scalars by dotted path, and additionalData.hmacSignature.
   */
  private static void readItem(JsonParser p, Map<String, String> item, String prefix)
      throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (value == JsonToken.START_OBJECT) {
        readItem(p, item, prefix + name + ".");
      } else if (value.isScalarValue()) {
        String key = prefix + name;
        item.put(key.equals("additionalData.hmacSignature") ? "hmacSignature" : key, p.getText());
      } else {
        p.skipChildren();
      }
    }
  }
}
