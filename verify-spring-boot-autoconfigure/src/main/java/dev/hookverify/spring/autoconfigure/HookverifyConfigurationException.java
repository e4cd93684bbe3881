package dev.hookverify.spring.autoconfigure;

import static java.util.Objects.requireNonNull;

/**
 * A hookverify configuration the application cannot start with, such as an endpoint without a
 * secret or two endpoints on one path. {@link HookverifyFailureAnalyzer} turns it into Spring
 * Boot's start-up report: what is wrong, and what to set. The text names properties and endpoints,
 * never a secret.
 */
public final class HookverifyConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String action;

  /** A failure described by {@code description}, fixed as {@code action} says. */
  public HookverifyConfigurationException(String description, String action) {
    super(requireNonNull(description, "description"));
    this.action = requireNonNull(action, "action");
  }

  /** What is wrong. */
  public String description() {
    return getMessage();
  }

  /** What to change to fix it. */
  public String action() {
    return action;
  }
}
