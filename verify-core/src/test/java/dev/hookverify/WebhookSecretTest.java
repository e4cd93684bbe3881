package dev.hookverify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSecretTest {
  @Test
  void construction_emptyBlankOrPaddedSecrets_refused() {
    for (String bad : List.of("", " ", "\t\n", " secret", "secret\n", "secret ")) {
      assertThatThrownBy(() -> WebhookSecret.ofUtf8(bad))
          .as("'%s'", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> WebhookSecret.ofBytes(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookSecret.ofBase64(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookSecret.ofBase64("not base64!"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookSecret.ofHex("abc"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookSecret.ofHex("zz"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void construction_encodings_decodeToTheSameBytes() {
    byte[] raw = {(byte) 0xfb, (byte) 0xff, 0x00, 0x10, 0x7f};
    assertThat(WebhookSecret.ofBase64("+/8AEH8=").bytes()).isEqualTo(raw);
    assertThat(WebhookSecret.ofBase64("+/8AEH8").bytes()).isEqualTo(raw);
    assertThat(WebhookSecret.ofHex("FBff00107F").bytes()).isEqualTo(raw);
    assertThat(WebhookSecret.ofUtf8("caf\u00e9").bytes()).hasSize(5);
    byte[] copied = raw.clone();
    WebhookSecret secret = WebhookSecret.ofBytes(copied);
    copied[0] = 0;
    assertThat(secret.bytes()).isEqualTo(raw);
  }

  @Test
  void identity_noContentInToStringEqualsOrHashCode() {
    WebhookSecret a = WebhookSecret.ofUtf8("same-secret-value");
    WebhookSecret b = WebhookSecret.ofUtf8("same-secret-value");
    assertThat(a).isNotEqualTo(b);
    assertThat(a.toString()).isEqualTo("WebhookSecret{redacted}").doesNotContain("same");
  }
}
