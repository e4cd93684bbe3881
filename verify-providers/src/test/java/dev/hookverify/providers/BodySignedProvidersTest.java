package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mailgun and Adyen, whose signatures travel inside the body. */
class BodySignedProvidersTest {
  private static byte[] mailgunBody(String timestamp, String token, String signature) {
    return utf8(
        "{\"signature\":{\"timestamp\":\""
            + timestamp
            + "\",\"token\":\""
            + token
            + "\",\"signature\":\""
            + signature
            + "\"},\"event-data\":{\"event\":\"delivered\"}}");
  }

  @Test
  void mailgun_officialSdkVectorAndNegatives() throws Exception {
    // OFFICIAL: mailgun-php tests/Api/WebhookTest.php.
    KeyRing key = KeyRing.of(WebhookSecret.ofUtf8("key-3ax6xnjp29jd6fds4gc373sgvjxteol0"));
    String sig = "9cfc5c41582e51246e73c88d34db3af0a3a2692a76fbab81492842f000256d33";
    VerifiedWebhook webhook =
        Mailgun.builder(key)
            .build()
            .verify(
                request(
                    Map.of(),
                    mailgunBody(
                        "1403645220", "5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6", sig)));
    assertThat(webhook.timestamp()).contains(java.time.Instant.ofEpochSecond(1403645220));
    // The signed text itself: timestamp + token, exactly as the HMAC covers it.
    assertThat(webhook.deliveryId())
        .contains("14036452205egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6");
    assertThat(webhook.isDeliveryIdSigned()).isTrue();

    assertThat(
            reasonOf(
                Mailgun.builder(key).build(),
                request(
                    Map.of(),
                    mailgunBody(
                        "1403645220", "owyldpe6nxhmrn78epljl6bj0orrki1u3d2v5e6cnlmmuox8jr", sig))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(
            reasonOf(
                Mailgun.builder(key, Duration.ofMinutes(5)).clock(at(1403645220 + 301)).build(),
                request(
                    Map.of(),
                    mailgunBody(
                        "1403645220", "5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6", sig))))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(
            reasonOf(Mailgun.builder(key).build(), request(Map.of(), utf8("{\"event-data\":{}}"))))
        .isEqualTo(Reason.MISSING_SIGNATURE);
    assertThat(reasonOf(Mailgun.builder(key).build(), request(Map.of(), utf8("not json"))))
        .isEqualTo(Reason.MISSING_SIGNATURE);
    assertThat(
            Mailgun.signatureJson(
                WebhookSecret.ofUtf8("key-3ax6xnjp29jd6fds4gc373sgvjxteol0"),
                1403645220,
                "5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6"))
        .contains(sig);
  }

  private static byte[] adyenBody(Map<String, String> item, String signature) {
    StringBuilder fields = new StringBuilder();
    item.forEach(
        (k, v) -> {
          if (!k.startsWith("amount.")) {
            fields.append('"').append(k).append("\":\"").append(v).append("\",");
          }
        });
    String amount =
        item.containsKey("amount.value")
            ? "\"amount\":{\"value\":"
                + item.get("amount.value")
                + ",\"currency\":\""
                + item.get("amount.currency")
                + "\"},"
            : "";
    return utf8(
        "{\"live\":\"false\",\"notificationItems\":[{\"NotificationRequestItem\":{"
            + fields
            + amount
            + "\"additionalData\":{\"hmacSignature\":\""
            + signature
            + "\"}}}]}");
  }

  @Test
  void adyen_officialSdkVectorAndEveryItemMustVerify() throws Exception {
    // OFFICIAL: adyen-java-api-library HMACValidatorTest.
    WebhookSecret key =
        Adyen.secret("9064450A8892A093D9E97EFCC9639DE31B74F3A7803135555A3C96F5A57915D6");
    Map<String, String> item = new LinkedHashMap<>();
    item.put("pspReference", "test_REPORT_AVAILABLE");
    item.put("merchantAccountCode", "Magento2Rik");
    item.put("merchantReference", "testMerchantRef1");
    item.put("amount.value", "0");
    item.put("amount.currency", "EUR");
    item.put("eventCode", "REPORT_AVAILABLE");
    item.put("success", "true");
    assertThat(Adyen.dataToSign(item))
        .isEqualTo(
            "test_REPORT_AVAILABLE::Magento2Rik:testMerchantRef1:0:EUR:REPORT_AVAILABLE:true");
    assertThat(Adyen.sign(key, item)).isEqualTo("NuEkADFmlCC6VgX+wcoPAegIWxVPNBPCuKlM4Hzo5qc=");
    WebhookVerifier verifier = Adyen.builder(KeyRing.of(key)).build();
    verifier.verify(
        request(Map.of(), adyenBody(item, "NuEkADFmlCC6VgX+wcoPAegIWxVPNBPCuKlM4Hzo5qc=")));

    Map<String, String> noAmount = new LinkedHashMap<>(item);
    noAmount.remove("amount.value");
    noAmount.remove("amount.currency");
    assertThat(Adyen.dataToSign(noAmount))
        .isEqualTo("test_REPORT_AVAILABLE::Magento2Rik:testMerchantRef1:::REPORT_AVAILABLE:true");

    Map<String, String> changed = new LinkedHashMap<>(item);
    changed.put("success", "false");
    assertThat(reasonOf(verifier, request(Map.of(), adyenBody(changed, Adyen.sign(key, item)))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(reasonOf(verifier, request(Map.of(), utf8("{\"notificationItems\":[]}"))))
        .isEqualTo(Reason.MISSING_SIGNATURE);
    assertThat(
            reasonOf(
                verifier,
                request(Map.of(), utf8("{\"notificationItems\":[{\"NotificationRequestItem\":"))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    // The signing kit produces Adyen's body: a notification its verifier accepts.
    SignedDelivery signed =
        Providers.byName("adyen")
            .sender()
            .sign(
                "9064450A8892A093D9E97EFCC9639DE31B74F3A7803135555A3C96F5A57915D6",
                OutgoingWebhook.builder(new byte[0]).id("8816178914079738").build());
    assertThat(reasonOf(verifier, request(signed.headers(), signed.body()))).isNull();
  }
}
