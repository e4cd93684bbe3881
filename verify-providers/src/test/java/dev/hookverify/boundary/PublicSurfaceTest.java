package dev.hookverify.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.Sender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The providers module's public surface: the verification API, the logging listener and the signing
 * kit each in an exported package of its own; signing reaches users only through the kit.
 */
class PublicSurfaceTest {
  private static final Path SENDERS = Path.of("src/main/java/dev/hookverify/providers");

  /** A public method producing a sender's headers or signature text. */
  private static final java.util.regex.Pattern SIGNER =
      java.util.regex.Pattern.compile(
          "\\bpublic\\s+(static\\s+)?(Map<String,"
              + " String>|String)\\s+(sign|signV1a|signatureJson)\\(");

  @Test
  void moduleInfo_exportsTheVerificationApiTheLoggerAndTheSigningKitOnly() throws IOException {
    ModuleDescriptor descriptor;
    try (var in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }
    assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactlyInAnyOrder(
            "dev.hookverify.providers",
            "dev.hookverify.providers.logging",
            "dev.hookverify.providers.signing");
    assertThat(descriptor.exports()).noneMatch(ModuleDescriptor.Exports::isQualified);
  }

  @Test
  void senderClasses_haveNoPublicSigner_theKitIsTheOneWayToSign() {
    List<String> publicSigners;
    try (Stream<Path> files = Files.list(SENDERS)) {
      publicSigners =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> SIGNER.matcher(read(f)).find())
              .map(f -> f.getFileName().toString())
              .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(publicSigners).isEmpty();
    Sender stripe = Providers.byName("stripe").sender();
    assertThat(stripe.provider()).isEqualTo("stripe");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
