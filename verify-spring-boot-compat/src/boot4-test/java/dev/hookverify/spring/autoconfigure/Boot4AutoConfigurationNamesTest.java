package dev.hookverify.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * The auto-configuration jar orders itself after Boot's DataSource, Redis and metrics
 * auto-configurations by name, a Boot 3 and a Boot 4 name each. A name that matches no class is
 * ignored without a word, so the application tests would only show a wrong order indirectly (no
 * store, no meters): here, on Boot 4.x, every Boot 4 name must resolve and no Boot 3 name may.
 */
class Boot4AutoConfigurationNamesTest {
  @Test
  void afterNames_resolveThroughTheirBoot4Names() {
    String[] after =
        HookverifyAutoConfiguration.class.getAnnotation(AutoConfiguration.class).afterName();

    assertThat(after).hasSizeGreaterThanOrEqualTo(10);
    assertThat(after.length % 2).as("Boot 3 and Boot 4 names, in pairs").isZero();
    for (int i = 0; i < after.length; i += 2) {
      assertThat(isPresent(after[i])).as("Boot 3's %s", after[i]).isFalse();
      assertThat(isPresent(after[i + 1])).as("Boot 4's %s", after[i + 1]).isTrue();
    }
    assertThat(after)
        .contains(
            HookverifyAutoConfiguration.BOOT4_DATA_SOURCE,
            HookverifyAutoConfiguration.BOOT4_REDIS,
            HookverifyAutoConfiguration.BOOT4_METRICS,
            HookverifyAutoConfiguration.BOOT4_COMPOSITE_METER_REGISTRY,
            HookverifyAutoConfiguration.BOOT4_SIMPLE_METRICS_EXPORT);
  }

  private static boolean isPresent(String className) {
    try {
      Class.forName(className, false, Boot4AutoConfigurationNamesTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
