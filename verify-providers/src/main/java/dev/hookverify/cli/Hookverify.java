package dev.hookverify.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code hookverify} command-line tool: {@code providers}, {@code sign}, {@code verify}, {@code
 * demo}. Exit codes: 0 success or verified, 1 rejected (or a wrong demo verdict), 2 usage error, 3
 * an internal error (a bug, never reported as a verdict). No output ever contains a secret.
 */
public final class Hookverify {
  static final String USAGE =
      String.join(
          "\n",
          "usage: hookverify <command> [options]",
          "  providers                       list every provider's conventions",
          "  sign   --provider NAME --secret S [--timestamp EPOCH_SECONDS] [--id ID] [--url URL]",
          "         [--method M] [--content-type TYPE] [--event TYPE] [--header 'Name: value' ...]",
          "         [--body FILE|-] [--format headers|curl]",
          "  verify --provider NAME --secret S [--secret S2 ...] [--url URL] [--method M]",
          "         [--header 'Name: value' ...] [--body FILE|-] [--now EPOCH_SECONDS] [--json]",
          "  demo                            run every provider against a local receiver",
          "EPOCH_SECONDS: 0 to 253402300799 (1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z)",
          "exit codes: 0 done or verified, 1 rejected, 2 usage error, 3 internal error");

  private Hookverify() {}

  /** Runs the tool and exits with its code. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int code;
    try {
      code = run(args, System.in, out, err);
    } catch (Throwable e) { // an Error too (a stack overflow, no memory): never exit code 1
      err.println("hookverify: internal error (" + e.getClass().getName() + "); please report it");
      code = 3;
    }
    System.exit(code);
  }

  /** Runs the tool; returns the exit code. */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println(USAGE);
      return 2;
    }
    try {
      switch (args[0]) {
        case "providers":
          return ProvidersCommand.run(out);
        case "sign":
          return SignCommand.run(args, in, out);
        case "verify":
          return VerifyCommand.run(args, in, out);
        case "demo":
          return DemoCommand.run(out);
        case "help":
        case "--help":
        case "-h":
          out.println(USAGE);
          return 0;
        default:
          throw new UsageException("unknown command: " + args[0]);
      }
    } catch (UsageException e) {
      err.println("hookverify: " + e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (RuntimeException e) {
      // Exit code 1 means "rejected": an unexpected failure must never read as a verdict. The
      // message is not printed: it could quote an input.
      err.println("hookverify: internal error (" + e.getClass().getName() + "); please report it");
      return 3;
    }
  }
}
