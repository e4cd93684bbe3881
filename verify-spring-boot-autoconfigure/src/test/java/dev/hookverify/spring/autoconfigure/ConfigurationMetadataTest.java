package dev.hookverify.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookverify.providers.Provider;
import dev.hookverify.providers.Providers;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The metadata IDEs complete {@code hookverify.*} from, as the build generates it into the jar:
 * every key documented, the defaults an IDE shows, and the provider hints equal to the registry.
 */
class ConfigurationMetadataTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void metadata_documentsEveryKey() throws IOException {
    Map<String, JsonNode> properties = new HashMap<>();
    for (JsonNode property : metadata().get("properties")) {
      properties.put(property.get("name").asText(), property);
    }

    assertThat(properties)
        .containsOnlyKeys(
            "hookverify.enabled",
            "hookverify.endpoints",
            "hookverify.filter.order",
            "hookverify.idempotency.store",
            "hookverify.idempotency.lease",
            "hookverify.idempotency.retention",
            "hookverify.idempotency.table",
            "hookverify.idempotency.initialize-schema",
            "hookverify.idempotency.key-prefix",
            "hookverify.idempotency.max-keys",
            "hookverify.metrics.enabled",
            "hookverify.logging.enabled");
    assertThat(properties.values())
        .allSatisfy(p -> assertThat(p.path("description").asText()).isNotBlank());
    assertThat(properties.get("hookverify.endpoints").get("type").asText())
        .isEqualTo(
            "java.util.Map<java.lang.String,"
                + "dev.hookverify.spring.autoconfigure.HookverifyProperties$Endpoint>");
    assertThat(properties.get("hookverify.filter.order").get("defaultValue").asInt())
        .isEqualTo(HookverifyServletAutoConfiguration.DEFAULT_FILTER_ORDER);
    assertThat(properties.get("hookverify.idempotency.store").get("defaultValue").asText())
        .isEqualTo("auto");
    assertThat(
            properties.get("hookverify.idempotency.initialize-schema").get("defaultValue").asText())
        .isEqualTo("embedded");
    assertThat(properties.get("hookverify.idempotency.table").get("defaultValue").asText())
        .isEqualTo("hookverify_delivery");
  }

  @Test
  void providerHints_areEveryRegisteredProvider() throws IOException {
    JsonNode hint = null;
    for (JsonNode candidate : metadata().get("hints")) {
      if (candidate.get("name").asText().equals("hookverify.endpoints.*.provider")) {
        hint = candidate;
      }
    }
    assertThat(hint).as("provider hint").isNotNull();
    List<String> values = new ArrayList<>();
    for (JsonNode value : hint.get("values")) {
      values.add(value.get("value").asText());
      assertThat(value.path("description").asText()).isNotBlank();
    }

    assertThat(values)
        .containsExactlyElementsOf(Providers.all().stream().map(Provider::name).toList());
  }

  @Test
  void autoConfigurationMetadata_isGenerated_forEarlyFiltering() throws IOException {
    Properties metadata = new Properties();
    try (InputStream in = resource("META-INF/spring-autoconfigure-metadata.properties")) {
      metadata.load(in);
    }
    assertThat(metadata)
        .containsKey(HookverifyAutoConfiguration.class.getName() + ".AutoConfigureAfter")
        .containsKey(HookverifyServletAutoConfiguration.class.getName() + ".ConditionalOnClass");
  }

  private static JsonNode metadata() throws IOException {
    try (InputStream in = resource("META-INF/spring-configuration-metadata.json")) {
      return JSON.readTree(in);
    }
  }

  private static InputStream resource(String name) throws IOException {
    // This module's own output, not a file of the same name in another jar.
    var location = HookverifyProperties.class.getProtectionDomain().getCodeSource().getLocation();
    try {
      return location.toURI().resolve(name).toURL().openStream();
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
  }
}
