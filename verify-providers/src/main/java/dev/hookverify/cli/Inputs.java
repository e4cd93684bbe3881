package dev.hookverify.cli;

import dev.hookverify.internal.UriParts;
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
  static byte[] body(Optional<String> source, Secrets.StandardInput stdin) throws UsageException {
    return file("--body", source, stdin);
  }

  /** The bytes of {@code option}'s file, of standard input ({@code -}), or none if absent. */
  static byte[] file(String option, Optional<String> source, Secrets.StandardInput stdin)
      throws UsageException {
    if (source.isEmpty()) {
      return new byte[0];
    }
    if (source.get().equals("-")) {
      return stdin.take(option + " -");
    }
    try {
      try (InputStream in = Files.newInputStream(Path.of(source.get()))) {
        return readBounded(in);
      }
    } catch (IOException | RuntimeException e) {
      throw new UsageException("cannot read " + option + " " + source.get() + ": " + why(e));
    }
  }

  private static byte[] readBounded(InputStream in) throws IOException, UsageException {
    byte[] body = in.readNBytes(MAX_BODY);
    if (body.length == MAX_BODY && in.read() != -1) {
      throw new UsageException("body is larger than " + MAX_BODY + " bytes");
    }
    return body;
  }

  /**
   * {@code text} if it is an absolute http or https URL a verifier can be given.
   *
   * @throws UsageException otherwise
   */
  static String url(String text) throws UsageException {
    try {
      java.net.URI uri = UriParts.toUri(text);
      String scheme = uri.getScheme();
      if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          && uri.getHost() != null) {
        return text;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new UsageException("not an absolute http or https URL: " + printable(text));
  }

  /** Why a file could not be read, in words rather than an exception's name. */
  static String why(Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.InvalidPathException) {
      return "not a valid path";
    }
    return "it cannot be read (is it a directory?)";
  }

  /** {@code text} cut to 80 characters, control characters as {@code ?}, for a message. */
  static String printable(String text) {
    String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
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
