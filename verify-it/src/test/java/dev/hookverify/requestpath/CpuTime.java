package dev.hookverify.requestpath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/** CPU time read from Linux's {@code /proc}, in nanoseconds. */
final class CpuTime {
  /** Linux reports {@code /proc/stat} in USER_HZ ticks, 100 a second on every common kernel. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private CpuTime() {}

  /** User plus system time of process {@code pid} so far ({@code /proc/PID/stat}). */
  static long process(long pid) {
    return ProcessHandle.of(pid)
        .flatMap(p -> p.info().totalCpuDuration())
        .map(Duration::toNanos)
        .orElseThrow(() -> new IllegalStateException("no CPU time for process " + pid));
  }

  /** System (kernel) time of process {@code pid} so far, from {@code /proc/PID/stat}. */
  static long system(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[12]) * NANOS_PER_TICK; // field 15, stime
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * User plus system time of process {@code pid} and every process below it that is alive now
   * (PostgreSQL's backends, which live as long as the pool's connections); 0 for pid 0.
   */
  static long tree(long pid) {
    if (pid == 0) {
      return 0;
    }
    ProcessHandle root = ProcessHandle.of(pid).orElseThrow();
    return Stream.concat(Stream.of(root), root.descendants())
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
        .sum();
  }

  /**
   * The whole machine's CPU time so far, from the first line of {@code /proc/stat}: {busy, all},
   * where busy is user, nice, system, irq, softirq and steal, and all adds idle and iowait.
   */
  static long[] machine() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(f[i]);
      }
      long all = busy + Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {busy * NANOS_PER_TICK, all * NANOS_PER_TICK};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
