package dev.hookverify.spring.autoconfigure.reactiveapp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import dev.hookverify.spring.autoconfigure.reactive.NettyServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter on WebFlux (Reactor Netty), configured by properties alone: the auto-configured
 * filters verify and deduplicate, handlers take the {@code VerifiedWebhook}, read the verified
 * bytes and the verified form, and the verifications are metered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReactiveApplicationTest {
  private static final String STRIPE_SECRET = "whsec_reactive_app_secret";
  private static final String TWILIO_TOKEN = "twilio-reactive-app-token";
  private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection");
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private ConfigurableApplicationContext application;
  private URI base;

  @BeforeAll
  void start() {
    application =
        new SpringApplicationBuilder(ReactiveWebhookApplication.class, NettyServer.class)
            .properties(
                "server.port=0",
                "server.address=127.0.0.1",
                "server.shutdown=immediate",
                "spring.main.banner-mode=off",
                "spring.main.web-application-type=reactive",
                "spring.autoconfigure.exclude="
                    + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
                    + "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration,"
                    + "org.springframework.boot.autoconfigure.security.reactive."
                    + "ReactiveSecurityAutoConfiguration,"
                    + "org.springframework.boot.autoconfigure.security.reactive."
                    + "ReactiveUserDetailsServiceAutoConfiguration,"
                    + "org.springframework.boot.actuate.autoconfigure.security.reactive."
                    + "ReactiveManagementWebSecurityAutoConfiguration,"
                    // Boot 4's names for the same (a name not on the class path is ignored).
                    + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                    + "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration,"
                    + "org.springframework.boot.security.autoconfigure.web.reactive."
                    + "ReactiveWebSecurityAutoConfiguration,"
                    + "org.springframework.boot.security.autoconfigure."
                    + "ReactiveUserDetailsServiceAutoConfiguration,"
                    + "org.springframework.boot.security.autoconfigure.actuate.web.reactive."
                    + "ReactiveManagementWebSecurityAutoConfiguration",
                "hookverify.endpoints.stripe.provider=stripe",
                "hookverify.endpoints.stripe.path=/webhooks/stripe",
                "hookverify.endpoints.stripe.secret=" + STRIPE_SECRET,
                "hookverify.endpoints.twilio.provider=twilio",
                "hookverify.endpoints.twilio.path=/webhooks/twilio",
                "hookverify.endpoints.twilio.secret=" + TWILIO_TOKEN,
                "hookverify.endpoints.twilio.public-url=https://api.example.com/webhooks/twilio",
                "hookverify.idempotency.store=memory")
            .run();
    base =
        URI.create(
            "http://127.0.0.1:" + application.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  void stop() {
    application.close();
  }

  @Test
  void theApplication_isServedByReactorNetty() throws Exception {
    assertThat(application.getBean(org.springframework.web.server.WebFilter.class).toString())
        .contains("stripe", "twilio");
    // Read by name: Boot 4 moved WebServerApplicationContext to another package.
    Object server = application.getClass().getMethod("getWebServer").invoke(application);
    assertThat(server.getClass().getSimpleName()).isEqualTo("NettyWebServer");
  }

  @Test
  void stripe_genuineOnce_replayDuplicate_forgeryRejected_bytesExact_metered() throws Exception {
    String body = "{\n  \"id\": \"evt_reactive_1\",\n  \"note\": \"caf\u00e9\"\n}";
    SignedDelivery delivery =
        Providers.byName("stripe")
            .sender()
            .sign(STRIPE_SECRET, OutgoingWebhook.builder(body.getBytes(UTF_8)).build());

    HttpResponse<String> genuine = post("/webhooks/stripe", delivery.headers(), delivery.body());
    HttpResponse<String> replay = post("/webhooks/stripe", delivery.headers(), delivery.body());
    HttpResponse<String> forged =
        post("/webhooks/stripe", delivery.headers(), "{\"id\":\"evt_forged\"}".getBytes(UTF_8));

    assertThat(genuine.statusCode()).isEqualTo(204);
    assertThat(genuine.headers().firstValue("X-Exact-Bytes")).contains("true");
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.body()).isEmpty();
    assertThat(application.getBean(ReactiveWebhookApplication.Received.class).stripe)
        .containsExactly(body);
    MeterRegistry registry = application.getBean(MeterRegistry.class);
    assertThat(
            registry
                .get("hookverify.verifications")
                .tags("endpoint", "stripe", "outcome", "accepted")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void trailingSlash_isVerifiedToo_shouldTheApplicationRouteIt() throws Exception {
    HttpResponse<String> response =
        post("/webhooks/stripe/", Map.of(), "{\"id\":\"evt_slash\"}".getBytes(UTF_8));

    assertThat(response.statusCode()).isEqualTo(401); // the filter's answer, not a 404
  }

  @Test
  void twilio_formVerifiedAgainstThePublicUrl_isReadFromTheExchange() throws Exception {
    String form =
        "From="
            + URLEncoder.encode("+15551234567", UTF_8)
            + "&Body="
            + URLEncoder.encode("Hello caf\u00e9", UTF_8);
    SignedDelivery delivery =
        Providers.byName("twilio")
            .sender()
            .sign(
                TWILIO_TOKEN,
                OutgoingWebhook.builder(form.getBytes(UTF_8))
                    .url("https://api.example.com/webhooks/twilio")
                    .contentType("application/x-www-form-urlencoded")
                    .build());

    HttpResponse<String> response = post("/webhooks/twilio", delivery.headers(), delivery.body());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("twilio|Hello caf\u00e9");
  }

  private HttpResponse<String> post(String path, Map<String, String> headers, byte[] body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(
        (name, value) -> {
          if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
            request.header(name, value);
          }
        });
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
  }
}
