package dev.hookverify.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The URL verified: the request URI as received, or re-rooted under the public base URL. */
class PublicUrlTest {
  @Test
  void asReceived_isTheRequestUriWithItsRawQuery() {
    ContainerRequestContext request =
        request("http://10.0.0.5:8080/app/", "http://10.0.0.5:8080/app/hooks/twilio?a=%2B1&b");
    assertThat(PublicUrl.AS_RECEIVED.apply(request))
        .isEqualTo("http://10.0.0.5:8080/app/hooks/twilio?a=%2B1&b");
  }

  @Test
  void under_replacesTheApplicationBaseAndKeepsPathAndQuery() {
    ContainerRequestContext request =
        request("http://10.0.0.5:8080/app/", "http://10.0.0.5:8080/app/hooks/twilio?a=%2B1");
    assertThat(PublicUrl.under("https://hooks.example.com").apply(request))
        .isEqualTo("https://hooks.example.com/hooks/twilio?a=%2B1");
    assertThat(PublicUrl.under("https://example.com/api/").apply(request))
        .isEqualTo("https://example.com/api/hooks/twilio?a=%2B1");
  }

  @Test
  void under_requestOutsideTheReportedBase_keepsItsWholePath() {
    ContainerRequestContext request =
        request("http://internal:8080/app/", "http://10.0.0.5:8080/other/hooks?x=1");
    assertThat(PublicUrl.under("https://example.com").apply(request))
        .isEqualTo("https://example.com/other/hooks?x=1");
  }

  private static ContainerRequestContext request(String base, String requestUri) {
    UriInfo uriInfo =
        proxy(
            UriInfo.class,
            name ->
                name.equals("getBaseUri")
                    ? URI.create(base)
                    : name.equals("getRequestUri") ? URI.create(requestUri) : null);
    return proxy(ContainerRequestContext.class, name -> name.equals("getUriInfo") ? uriInfo : null);
  }

  private static <T> T proxy(Class<T> type, java.util.function.Function<String, Object> answer) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (p, method, args) -> {
              Object value = answer.apply(method.getName());
              if (value == null) {
                throw new UnsupportedOperationException(method.getName());
              }
              return value;
            }));
  }
}
