package dev.hookverify.benchmarks;

/**
 * One verification by one implementation, chosen once in {@code @Setup} from the benchmark's
 * {@code @Param}, so that the measured method is a single call at a site that sees one receiver
 * type per fork: no branch on a parameter is timed (issue 9, G; {@code BenchmarkMethodsTest}).
 */
@FunctionalInterface
interface Verification {
  /** Verifies the trial's input and returns the outcome, so the JIT cannot drop the work. */
  Object run() throws Exception;
}
