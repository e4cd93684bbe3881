package dev.hookverify.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The {@code hookverify} command-line tool: {@code providers}, {@code sign}, {@code verify}, {@code
 * serve}, {@code demo}; {@code --help} on each. Exit codes: 0 success or verified, 1 rejected (or a
 * wrong demo verdict), 2 usage error, 3 an internal error (a bug, never reported as a verdict). No
 * output ever contains a secret.
 */
public final class Hookverify {
  static final String USAGE =
      String.join(
          "\n",
          "usage: hookverify <command> [options]      (hookverify <command> --help for its"
              + " options)",
          "  providers [--json]   list every provider's conventions",
          "  sign                 the headers (or a curl command) a real sender would send",
          "  verify               verify a captured request, explain a rejection",
          "  serve                receive a real sender's deliveries on loopback and print"
              + " verdicts",
          "  demo                 run every provider against a local receiver",
          "Secrets never need the command line: --secret-env NAME, --secret-file PATH, --secret -.",
          "exit codes: 0 done or verified, 1 rejected, 2 usage error, 3 internal error");

  static final String DEMO_HELP =
      String.join(
          "\n",
          "usage: hookverify demo",
          "Starts a receiver on a loopback port and sends every provider a genuine, a tampered, a",
          "stale and a replayed delivery; prints each verdict.",
          "exit codes: 0 every verdict right, 1 a verdict wrong");

  private Hookverify() {}

  /** Runs the tool and exits with its code. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int code;
    try {
      code = run(args, System.in, out, err, System::getenv);
    } catch (Throwable e) { // an Error too (a stack overflow, no memory): never exit code 1
      err.println("hookverify: internal error (" + e.getClass().getName() + "); please report it");
      code = 3;
    }
    System.exit(code);
  }

  /** Runs the tool; returns the exit code. */
  static int run(
      String[] args,
      InputStream in,
      PrintStream out,
      PrintStream err,
      UnaryOperator<String> environment) {
    if (args.length == 0) {
      err.println(USAGE);
      return 2;
    }
    String command = args[0];
    Terminal terminal = new Terminal(new Secrets.StandardInput(in), out, err, environment);
    try {
      if (asksForHelp(args)) {
        out.println(help(command));
        return 0;
      }
      switch (command) {
        case "providers":
          return ProvidersCommand.run(args, out);
        case "sign":
          return SignCommand.run(args, terminal);
        case "verify":
          return VerifyCommand.run(args, terminal);
        case "serve":
          return ServeCommand.run(args, terminal);
        case "demo":
          Arguments.parse(args, 1, Set.of(), Set.of());
          return DemoCommand.run(out);
        default:
          throw new UsageException("unknown command: " + Inputs.printable(command));
      }
    } catch (UsageException e) {
      // One line: what is wrong and where the help is; never the secret, never a stack trace.
      boolean known = COMMANDS.contains(command);
      err.println(
          "hookverify"
              + (known ? " " + command : "")
              + ": "
              + e.getMessage()
              + " (see hookverify "
              + (known ? command + " " : "")
              + "--help)");
      return 2;
    } catch (RuntimeException e) {
      // Exit code 1 means "rejected": an unexpected failure must never read as a verdict. The
      // message is not printed: it could quote an input.
      err.println("hookverify: internal error (" + e.getClass().getName() + "); please report it");
      return 3;
    }
  }

  private static final Set<String> COMMANDS =
      Set.of("providers", "sign", "verify", "serve", "demo");

  /** {@code hookverify --help}, {@code help}, or {@code --help} / {@code -h} after a command. */
  private static boolean asksForHelp(String[] args) {
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h") || arg.equals(args[0]) && arg.equals("help")) {
        return true;
      }
    }
    return false;
  }

  private static String help(String command) {
    switch (command) {
      case "providers":
        return ProvidersCommand.HELP;
      case "sign":
        return SignCommand.HELP;
      case "verify":
        return VerifyCommand.HELP;
      case "serve":
        return ServeCommand.HELP;
      case "demo":
        return DEMO_HELP;
      default:
        return USAGE;
    }
  }
}
