package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.Proof;
import dev.hookverify.Reason;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.signing.TestKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Ed25519 and ECDSA P-256 providers on both engines, Bouncy Castle and the JDK. */
class PublicKeyProvidersTest {
  private static final String RFC8032_SEED =
      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  private static final String RFC8032_PUBLIC =
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
  private static final String DISCORD_SIGNATURE =
      "1695961a47c91a1ec033b819b7e87e3dbc583dd0cee6d1fd0216f58ac87b6228"
          + "ae531ddbf91fb7bc28d7edf7f08604da16f54624f38a6bc0614e4dc13cd47f0f";

  @ParameterizedTest
  @EnumSource(PublicKeys.Engine.class)
  void discord_derivedRfc8032Vector(PublicKeys.Engine engine) throws Exception {
    // DERIVED: RFC 8032 test-1 key (Ed25519 is deterministic, so the signature is fixed).
    byte[] body = utf8("{\"type\":1}");
    Map<String, String> headers =
        Map.of("X-Signature-Ed25519", DISCORD_SIGNATURE, "X-Signature-Timestamp", "1700000000");
    WebhookVerifier verifier =
        Discord.builder(List.of(RFC8032_PUBLIC), engine).clock(at(1700000000)).build();
    VerifiedWebhook webhook = verifier.verify(request(headers, body));
    assertThat(webhook.proof()).isEqualTo(Proof.PUBLIC_KEY_SIGNATURE);
    assertThat(Discord.pingResponse(webhook)).contains("{\"type\":1}");
    assertThat(Discord.sign(RFC8032_SEED, 1700000000, body))
        .containsEntry("X-Signature-Ed25519", DISCORD_SIGNATURE);

    assertThat(reasonOf(verifier, request(headers, utf8("{\"type\":2}"))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(
            reasonOf(
                verifier,
                request(
                    Map.of(
                        "X-Signature-Ed25519",
                        DISCORD_SIGNATURE,
                        "X-Signature-Timestamp",
                        "1700000001"),
                    body)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(
            reasonOf(
                verifier,
                request(
                    Map.of(
                        "X-Signature-Ed25519",
                        "00".repeat(64),
                        "X-Signature-Timestamp",
                        "1700000000"),
                    body)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(
            reasonOf(
                verifier,
                request(
                    Map.of("X-Signature-Ed25519", "zz", "X-Signature-Timestamp", "1700000000"),
                    body)))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reasonOf(verifier, request(Map.of("X-Signature-Timestamp", "1700000000"), body)))
        .isEqualTo(Reason.MISSING_SIGNATURE);
    assertThatThrownBy(() -> Discord.builder(List.of("abcd"), engine))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @EnumSource(PublicKeys.Engine.class)
  void sendgrid_officialSdkVectorsAndNegatives(PublicKeys.Engine engine) throws Exception {
    // OFFICIAL: sendgrid-nodejs eventwebhook.spec.js.
    String key =
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";
    String signature =
        "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=";
    byte[] payload =
        utf8(
            "[{\"email\":\"hello@world.com\",\"event\":\"dropped\",\"reason\":\"Bounced"
                + " Address\",\"sg_event_id\":\"ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA\",\"sg_message_id\":\"LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0\",\"smtp-id\":\"<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>\",\"timestamp\":1600112492}]\r\n");
    Map<String, String> headers =
        Map.of(
            "X-Twilio-Email-Event-Webhook-Signature",
            signature,
            "X-Twilio-Email-Event-Webhook-Timestamp",
            "1600112502");
    WebhookVerifier verifier =
        SendGrid.builder(
                List.of(key),
                TimestampPolicy.freshnessNotChecked(TimestampPolicy.Unit.SECONDS),
                engine)
            .build();
    verifier.verify(request(headers, payload));

    String key2 =
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEQ4LIFtWztlsF7skFqOncjD1lun4H5w8XOhyOArHW9RcIx/FfEzx6cikC/yPfUvwaX/JScE7Fc9CJD2afQ9Ok3Q==";
    byte[] payload2 =
        utf8(
            "[{\"email\":\"invalid@gmail.com\",\"event\":\"processed\",\"send_at\":0,\"sg_event_id\":\"cHJvY2Vzc2VkLTE5OTQyMTEyLXFOd0JMZ1BRUWpXNkRKdktRd1NBYnctMA\",\"sg_message_id\":\"qNwBLgPQQjW6DJvKQwSAbw.filterdrecv-canary-547b64655b-cw6zx-1-6089EA4A-56.0\",\"smtp-id\":\"<qNwBLgPQQjW6DJvKQwSAbw@ismtpd0178p1mdw1.sendgrid.net>\",\"timestamp\":1619651146},\r\n"
                + "{\"email\":\"invalid@gmail.com\",\"event\":\"bounce\",\"ip\":\"167.89.101.76\",\"reason\":\"552"
                + " 5.2.2 The email account that you tried to reach is over quota and inactive."
                + " Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm"
                + " c17si1130468pgv.34 -"
                + " gsmtp\",\"sg_event_id\":\"Ym91bmNlLTAtMTk5NDIxMTItcU53QkxnUFFRalc2REp2S1F3U0Fidy0w\",\"sg_message_id\":\"qNwBLgPQQjW6DJvKQwSAbw.filterdrecv-canary-547b64655b-cw6zx-1-6089EA4A-56.0\",\"smtp-id\":\"<qNwBLgPQQjW6DJvKQwSAbw@ismtpd0178p1mdw1.sendgrid.net>\",\"status\":\"5.2.2\",\"timestamp\":1619651147,\"tls\":1,\"type\":\"blocked\"}]\r\n");
    SendGrid.builder(
            List.of(key2),
            TimestampPolicy.freshnessNotChecked(TimestampPolicy.Unit.SECONDS),
            engine)
        .build()
        .verify(
            request(
                Map.of(
                    "X-Twilio-Email-Event-Webhook-Signature",
                    "MEYCIQC/I4o6vCgqRYrTljjoVWB/GRWNtxeePlLMHr3x9ETeRQIhAIpV+03nREPTTHWSW0wIOA0EoMPdcNgXa70yCaqDJlu5",
                    "X-Twilio-Email-Event-Webhook-Timestamp",
                    "1619651159"),
                payload2));

    // The spec's negatives: another key, another payload, another signature, another timestamp.
    String otherKey =
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqTxd43gyp8IOEto2LdIfjRQrIbsd4SXZkLW6jDutdhXSJCWHw8REntlo7aNDthvj+y7GjUuFDb/R1NGe1OPzpA==";
    assertThat(
            reasonOf(
                SendGrid.builder(
                        List.of(otherKey),
                        TimestampPolicy.freshnessNotChecked(TimestampPolicy.Unit.SECONDS),
                        engine)
                    .build(),
                request(headers, payload)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(reasonOf(verifier, request(headers, utf8("payload"))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(
            reasonOf(
                verifier,
                request(
                    Map.of(
                        "X-Twilio-Email-Event-Webhook-Signature",
                        "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH3j/0=",
                        "X-Twilio-Email-Event-Webhook-Timestamp",
                        "1600112502"),
                    payload)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(
            reasonOf(
                verifier,
                request(
                    Map.of(
                        "X-Twilio-Email-Event-Webhook-Signature",
                        signature,
                        "X-Twilio-Email-Event-Webhook-Timestamp",
                        "timestamp"),
                    payload)))
        .isEqualTo(Reason.MALFORMED_TIMESTAMP);
    // CRLF normalized to LF by a framework: rejected.
    assertThat(
            reasonOf(
                verifier,
                request(
                    headers,
                    new String(payload, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("\r\n", "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @ParameterizedTest
  @EnumSource(PublicKeys.Engine.class)
  void standardWebhooksV1a_signedWithOneEngineVerifiedWithTheOther(PublicKeys.Engine engine)
      throws Exception {
    TestKeys keys = Providers.byName("standard-webhooks-v1a").sender().newTestKeys();
    byte[] body = utf8("{\"type\":\"invoice.paid\"}");
    long now = 1700000000;
    Map<String, String> headers = StandardWebhooks.signV1a(keys.signingKey(), "msg_1", now, body);
    assertThat(headers.get("webhook-signature")).startsWith("v1a,");
    WebhookVerifier verifier =
        StandardWebhooks.publicKeyBuilder(List.of(keys.verificationKey()), engine)
            .clock(at(now))
            .build();
    VerifiedWebhook webhook = verifier.verify(request(headers, body));
    assertThat(webhook.isDeliveryIdSigned()).isTrue();
    Map<String, String> withV1 = new java.util.LinkedHashMap<>(headers);
    withV1.put("webhook-signature", "v1,AAAA " + headers.get("webhook-signature"));
    verifier.verify(request(withV1, body));
    Map<String, String> otherId = new java.util.LinkedHashMap<>(headers);
    otherId.put("webhook-id", "msg_2");
    assertThat(reasonOf(verifier, request(otherId, body))).isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThatThrownBy(() -> StandardWebhooks.publicKeyBuilder(List.of("whsec_AAAA"), engine))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
