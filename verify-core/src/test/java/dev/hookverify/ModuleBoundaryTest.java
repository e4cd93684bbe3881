package dev.hookverify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor exports the API to everyone, the internal package only to hookverify's own
 * modules, and requires only the JDK.
 */
class ModuleBoundaryTest {
  @Test
  void moduleInfo_exportsTheApiAndInternalsOnlyToHookverifyAndRequiresOnlyTheJdk()
      throws Exception {
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }
    assertThat(descriptor.name()).isEqualTo("dev.hookverify.core");
    assertThat(
            descriptor.exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source))
        .containsExactlyInAnyOrder(
            "dev.hookverify",
            "dev.hookverify.idempotency",
            "dev.hookverify.inbox",
            "dev.hookverify.audit");
    assertThat(descriptor.exports().stream().filter(ModuleDescriptor.Exports::isQualified))
        .singleElement()
        .satisfies(
            internal -> {
              assertThat(internal.source()).isEqualTo("dev.hookverify.internal");
              assertThat(internal.targets())
                  .contains("dev.hookverify.providers")
                  .allSatisfy(target -> assertThat(target).startsWith("dev.hookverify."));
            });
    assertThat(Path.of("target/classes/dev/hookverify/internal/ConstantTime.class")).exists();
    assertThat(
            descriptor.requires().stream()
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("java.base", "java.sql");
  }
}
