package dev.hookverify.cli;

/** A command line that cannot be run: exit code 2, and the message says why. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message, null, false, false);
  }
}
