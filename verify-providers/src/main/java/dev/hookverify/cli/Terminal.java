package dev.hookverify.cli;

import java.io.PrintStream;
import java.util.function.UnaryOperator;

/** What a command reads and writes besides its arguments: the streams and the environment. */
final class Terminal {
  final Secrets.StandardInput in;
  final PrintStream out;
  final PrintStream err;
  final UnaryOperator<String> environment;

  Terminal(
      Secrets.StandardInput in,
      PrintStream out,
      PrintStream err,
      UnaryOperator<String> environment) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.environment = environment;
  }
}
