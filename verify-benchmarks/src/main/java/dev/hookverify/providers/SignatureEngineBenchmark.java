package dev.hookverify.providers;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Public-key verification of a 1 KiB message, Bouncy Castle versus the JDK provider: Ed25519
 * (Discord, Standard Webhooks v1a) and ECDSA P-256 (SendGrid). The providers use the winner.
 *
 * <p>Run: {@code java -jar verify-benchmarks/target/benchmarks.jar SignatureEngineBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SignatureEngineBenchmark {
  /** The signature scheme. */
  public enum Scheme {
    ED25519,
    ECDSA_P256
  }

  @Param public Scheme scheme;

  /** Who verifies; mirrors the providers' engines (JMH parameters must be public types). */
  public enum Engine {
    BOUNCY_CASTLE,
    JDK
  }

  @Param public Engine engine;

  private PublicKeys.Engine provider;

  private PublicKey key;
  private byte[] message;
  private byte[] signature;
  private String algorithm;

  @Setup
  public void setUp() throws Exception {
    provider = PublicKeys.Engine.valueOf(engine.name());
    message = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);
    KeyPair pair;
    if (scheme == Scheme.ED25519) {
      algorithm = PublicKeys.ED25519;
      pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      key = PublicKeys.ed25519Public(PublicKeys.ed25519Raw(pair.getPublic()), provider);
    } else {
      algorithm = PublicKeys.ECDSA_P256;
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      pair = generator.generateKeyPair();
      key =
          PublicKeys.ecPublic(
              java.util.Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
              provider);
    }
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(pair.getPrivate());
    signer.update(message);
    signature = signer.sign();
  }

  @Benchmark
  public boolean verify() throws Exception {
    Signature verifier = provider.signature(algorithm);
    verifier.initVerify(key);
    verifier.update(message);
    return verifier.verify(signature);
  }
}
