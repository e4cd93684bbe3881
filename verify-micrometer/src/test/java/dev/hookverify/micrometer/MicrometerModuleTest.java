package dev.hookverify.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module exports only its API package and resolves on the module path against hookverify core
 * and Micrometer's automatic module, whose name comes from its manifest.
 */
class MicrometerModuleTest {
  @Test
  void moduleInfo_exportsTheApiOnlyAndRequiresCoreAndMicrometerTransitively() throws Exception {
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }
    assertThat(descriptor.name()).isEqualTo("dev.hookverify.micrometer");
    assertThat(descriptor.exports())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.source()).isEqualTo("dev.hookverify.micrometer");
              assertThat(e.isQualified()).isFalse();
            });
    assertThat(
            descriptor.requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("dev.hookverify.core", "micrometer.core");
  }

  @Test
  void moduleInfo_resolvesOnTheModulePathWithMicrometersAutomaticModule() {
    // Surefire runs tests on the class path; rebuild a module path from its entries.
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<Path> modulePath =
        Arrays.stream(classPath.split(File.pathSeparator))
            .map(Path::of)
            .filter(
                p -> {
                  String name = p.getFileName().toString();
                  if (name.endsWith("-tests.jar")) {
                    return false; // core's test jar (PostgreSQL fixtures) is no module of ours
                  }
                  return p.endsWith(Path.of("target", "classes"))
                      || name.startsWith("verify-core")
                      || name.startsWith("micrometer-")
                      || name.startsWith("jspecify")
                      || name.startsWith("HdrHistogram")
                      || name.startsWith("LatencyUtils");
                })
            .collect(Collectors.toList());
    Configuration resolved =
        ModuleLayer.boot()
            .configuration()
            .resolve(
                ModuleFinder.of(modulePath.toArray(Path[]::new)),
                ModuleFinder.of(),
                Set.of("dev.hookverify.micrometer"));
    ResolvedModule module = resolved.findModule("dev.hookverify.micrometer").orElseThrow();
    assertThat(module.reads())
        .extracting(ResolvedModule::name)
        .contains("dev.hookverify.core", "micrometer.core");
  }
}
