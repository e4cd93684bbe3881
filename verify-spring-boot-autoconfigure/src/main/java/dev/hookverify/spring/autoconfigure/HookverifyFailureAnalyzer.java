package dev.hookverify.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link HookverifyConfigurationException} at start-up as Spring Boot reports its own
 * misconfigurations: a description and an action, instead of a stack trace. Registered in {@code
 * META-INF/spring.factories}.
 */
public final class HookverifyFailureAnalyzer
    extends AbstractFailureAnalyzer<HookverifyConfigurationException> {
  /** The analyzer; Spring Boot creates it. */
  public HookverifyFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable root, HookverifyConfigurationException cause) {
    return new FailureAnalysis(cause.description(), cause.action(), cause);
  }
}
