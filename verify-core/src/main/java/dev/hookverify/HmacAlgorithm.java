package dev.hookverify;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The HMAC hash functions webhook senders use. */
public enum HmacAlgorithm {
  /** HMAC-SHA1 (Twilio, legacy GitHub); 20-byte tags. */
  SHA1("HmacSHA1", 20),
  /** HMAC-SHA256 (almost everyone); 32-byte tags. */
  SHA256("HmacSHA256", 32),
  /** HMAC-SHA512; 64-byte tags. */
  SHA512("HmacSHA512", 64);

  private final String jcaName;
  private final int tagLength;

  HmacAlgorithm(String jcaName, int tagLength) {
    this.jcaName = jcaName;
    this.tagLength = tagLength;
  }

  /** The JCA algorithm name, for example {@code HmacSHA256}. */
  public String jcaName() {
    return jcaName;
  }

  /** The tag length in bytes; received signatures of any other length are malformed. */
  public int tagLength() {
    return tagLength;
  }

  /** A {@link Mac} initialised with {@code key}. */
  Mac newMac(byte[] key) throws GeneralSecurityException {
    Mac mac = Mac.getInstance(jcaName);
    mac.init(new SecretKeySpec(key, jcaName));
    return mac;
  }
}
