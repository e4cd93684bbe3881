package dev.hookverify.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module exports only its API package and requires only core and the JAX-RS API, both
 * transitively (the API's signatures name their types).
 */
class ModuleDescriptorTest {
  @Test
  void moduleInfo_exportsTheApiAndRequiresCoreAndJaxrs() throws Exception {
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }
    assertThat(descriptor.name()).isEqualTo("dev.hookverify.jaxrs");
    assertThat(descriptor.exports())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.source()).isEqualTo("dev.hookverify.jaxrs");
              assertThat(e.isQualified()).isFalse();
            });
    assertThat(
            descriptor.requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("dev.hookverify.core", "jakarta.ws.rs");
    assertThat(
            descriptor.requires().stream()
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("java.base", "dev.hookverify.core", "jakarta.ws.rs");
  }
}
