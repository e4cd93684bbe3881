package dev.hookverify.cli;

import dev.hookverify.providers.Provider;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.SharedSecretProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads what commands share: the provider, the body, a secret. */
final class Inputs {
  /** The largest body read, so a mistaken {@code --body /dev/zero} ends. */
  static final int MAX_BODY = 64 << 20;

  private Inputs() {}

  static Provider provider(Arguments args) throws UsageException {
    try {
      return Providers.byName(args.required("provider"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The body from a file, from standard input ({@code -}), or empty. */
  static byte[] body(Optional<String> source, InputStream stdin) throws UsageException {
    if (source.isEmpty()) {
      return new byte[0];
    }
    try {
      if (source.get().equals("-")) {
        return readBounded(stdin);
      }
      try (InputStream in = Files.newInputStream(Path.of(source.get()))) {
        return readBounded(in);
      }
    } catch (IOException | RuntimeException e) {
      throw new UsageException(
          "cannot read body " + source.get() + ": " + e.getClass().getSimpleName());
    }
  }

  private static byte[] readBounded(InputStream in) throws IOException, UsageException {
    byte[] body = in.readNBytes(MAX_BODY);
    if (body.length == MAX_BODY && in.read() != -1) {
      throw new UsageException("body is larger than " + MAX_BODY + " bytes");
    }
    return body;
  }

  /** A secret in the provider's form; never echoed in a message. */
  static dev.hookverify.WebhookSecret secret(Provider provider, String text, int index)
      throws UsageException {
    if (text.isBlank()) {
      throw new UsageException("secret " + index + " is empty");
    }
    if (!(provider instanceof SharedSecretProvider)) {
      throw new UsageException(provider.name() + " verifies with public keys, not secrets");
    }
    try {
      return ((SharedSecretProvider) provider).secret(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "secret " + index + " is not a valid " + provider.name() + " secret");
    }
  }
}
