package dev.hookverify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module descriptor exports the API and nothing else, and requires only the JDK. */
class ModuleBoundaryTest {
  @Test
  void moduleInfo_exportsOnlyTheApiPackagesAndRequiresOnlyTheJdk() throws Exception {
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }
    assertThat(descriptor.name()).isEqualTo("dev.hookverify.core");
    assertThat(descriptor.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
    assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactlyInAnyOrder("dev.hookverify", "dev.hookverify.idempotency");
    // The internal package exists and is not among the exports checked above.
    assertThat(Path.of("target/classes/dev/hookverify/internal/ConstantTime.class")).exists();
    assertThat(
            descriptor.requires().stream()
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("java.base", "java.sql");
  }
}
