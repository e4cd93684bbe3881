package dev.hookverify.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The secrets of one command, from {@code --secret-env NAME}, {@code --secret-file PATH}, {@code
 * --secret -} (standard input) or {@code --secret VALUE}, in command-line order (several for
 * rotation). A value typed on the command line is visible in {@code ps} output and shell history,
 * so it is accepted with a warning; the other sources keep the secret off the command line. No
 * message ever quotes a secret.
 */
final class Secrets {
  /** The options that name a secret. */
  static final Set<String> OPTIONS = Set.of("secret", "secret-env", "secret-file");

  static final String HELP =
      String.join(
          "\n",
          "secrets (one or more, tried in order, for rotation):",
          "  --secret-env NAME   from environment variable NAME",
          "  --secret-file PATH  from a file (one final line ending is dropped)",
          "  --secret -          from standard input (one final line ending is dropped)",
          "  --secret VALUE      works, with a warning: other users of the machine can see it");

  static final String WARNING =
      "hookverify: warning: a secret given as --secret VALUE is visible to other users of this"
          + " machine (ps, shell history); use --secret-env NAME, --secret-file PATH or --secret -";

  /** A secret file or standard input holds a secret, not a body: a few KiB at most. */
  private static final int MAX_SECRET_BYTES = 64 * 1024;

  private Secrets() {}

  /**
   * Every secret given, in order; warns on {@code err} once if any was typed on the command line.
   *
   * @throws UsageException if none is given, or a source cannot be read or is empty
   */
  static List<String> read(
      Arguments args, StandardInput stdin, UnaryOperator<String> environment, PrintStream err)
      throws UsageException {
    List<String> secrets = new ArrayList<>();
    boolean typed = false;
    for (Map.Entry<String, String> option : args.inOrder(OPTIONS)) {
      String value = option.getValue();
      String text;
      switch (option.getKey()) {
        case "secret-env":
          text = environment.apply(value);
          if (text == null) {
            throw new UsageException("environment variable " + value + " is not set");
          }
          break;
        case "secret-file":
          text = file(value);
          break;
        default:
          if (value.equals("-")) {
            text = withoutFinalNewline(utf8(stdin.take("--secret -"), "standard input"));
          } else {
            text = value;
            typed = true;
          }
      }
      if (text.isBlank()) {
        throw new UsageException("secret " + (secrets.size() + 1) + " is empty");
      }
      secrets.add(text);
    }
    if (secrets.isEmpty()) {
      throw new UsageException(
          "a secret is required: --secret-env NAME, --secret-file PATH or --secret -");
    }
    if (typed) {
      err.println(WARNING);
    }
    return secrets;
  }

  private static String file(String path) throws UsageException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      bytes = in.readNBytes(MAX_SECRET_BYTES + 1);
    } catch (IOException | RuntimeException e) {
      throw new UsageException("cannot read --secret-file " + path + ": " + Inputs.why(e));
    }
    if (bytes.length > MAX_SECRET_BYTES) {
      throw new UsageException("--secret-file " + path + " is larger than a secret can be");
    }
    return withoutFinalNewline(utf8(bytes, path));
  }

  private static String utf8(byte[] bytes, String source) throws UsageException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new UsageException("the secret in " + source + " is not UTF-8 text");
    }
  }

  /**
   * Without one final line ending: {@code echo "$S" > file} and a terminal both add one, and no
   * sender's secret ends with one. Other whitespace is kept (and diagnosed by {@code verify}).
   */
  static String withoutFinalNewline(String text) {
    if (text.endsWith("\r\n")) {
      return text.substring(0, text.length() - 2);
    }
    if (text.endsWith("\n")) {
      return text.substring(0, text.length() - 1);
    }
    return text;
  }

  /** Standard input, which only one option of a command may read. */
  static final class StandardInput {
    private final InputStream in;
    private String takenBy;

    StandardInput(InputStream in) {
      this.in = in;
    }

    /** All of standard input, up to {@link Inputs#MAX_BODY} bytes, for the option {@code by}. */
    byte[] take(String by) throws UsageException {
      if (takenBy != null) {
        throw new UsageException(
            "standard input can feed one option only, and " + takenBy + " reads it already");
      }
      takenBy = by;
      try {
        byte[] read = in.readNBytes(Inputs.MAX_BODY);
        if (read.length == Inputs.MAX_BODY && in.read() != -1) {
          throw new UsageException("standard input is larger than " + Inputs.MAX_BODY + " bytes");
        }
        return read;
      } catch (IOException e) {
        throw new UsageException("cannot read standard input: " + Inputs.why(e));
      }
    }
  }
}
