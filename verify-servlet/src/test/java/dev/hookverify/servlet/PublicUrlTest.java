package dev.hookverify.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The URL a sender signed, rebuilt from what a container reports: as received, behind a configured
 * base URL, and from forwarded headers (only valid values count). Containers themselves are
 * exercised by {@link WebhookFilterContract}.
 */
class PublicUrlTest {
  /** What a container reports for {@code http://10.0.0.5:8080/ctx/hook?a=1}, plus headers. */
  private static HttpServletRequest request(String... headers) {
    Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < headers.length; i += 2) {
      values.put(headers[i], headers[i + 1]);
    }
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            PublicUrlTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "getRequestURL":
                  return new StringBuffer("http://10.0.0.5:8080/ctx/hook");
                case "getRequestURI":
                  return "/ctx/hook";
                case "getQueryString":
                  return "a=1";
                case "getScheme":
                  return "http";
                case "getServerName":
                  return "10.0.0.5";
                case "getServerPort":
                  return 8080;
                case "getHeader":
                  return values.get((String) args[0]);
                default:
                  throw new UnsupportedOperationException(method.getName());
              }
            });
  }

  @Test
  void asReceived_isTheContainersUrlAndRawQuery() {
    assertThat(PublicUrl.AS_RECEIVED.of(request("X-Forwarded-Host", "evil.example")))
        .isEqualTo("http://10.0.0.5:8080/ctx/hook?a=1");
  }

  @Test
  void fixedBase_isFollowedByThePathAndQueryAsReceived() {
    assertThat(PublicUrl.fixed("https://hooks.example.com/api/").of(request()))
        .isEqualTo("https://hooks.example.com/api/ctx/hook?a=1");
  }

  @Test
  void forwarded_readsRfc7239OrXForwarded_firstValueOnly() {
    assertThat(
            PublicUrl.FORWARDED.of(
                request(
                    "Forwarded",
                    "for=192.0.2.1;proto=https;host=\"pub.example.com\", for=10.0.0.1;host=x")))
        .isEqualTo("https://pub.example.com/ctx/hook?a=1");
    assertThat(
            PublicUrl.FORWARDED.of(
                request(
                    "X-Forwarded-Proto", "https, http",
                    "X-Forwarded-Host", "pub.example.com",
                    "X-Forwarded-Port", "8443",
                    "X-Forwarded-Prefix", "/api/")))
        .isEqualTo("https://pub.example.com:8443/api/ctx/hook?a=1");
    assertThat(
            PublicUrl.FORWARDED.of(
                request("X-Forwarded-Proto", "https", "X-Forwarded-Host", "[2001:db8::1]:443")))
        .isEqualTo("https://[2001:db8::1]:443/ctx/hook?a=1");
  }

  @Test
  void forwarded_malformedValuesFallBackToTheContainers() {
    assertThat(
            PublicUrl.FORWARDED.of(
                request(
                    "X-Forwarded-Proto", "javascript",
                    "X-Forwarded-Host", "evil.example/path?x=",
                    "X-Forwarded-Port", "80a",
                    "X-Forwarded-Prefix", "/a?b")))
        .isEqualTo("http://10.0.0.5:8080/ctx/hook?a=1");
    assertThat(PublicUrl.FORWARDED.of(request("X-Forwarded-Host", "user@evil.example")))
        .isEqualTo("http://10.0.0.5:8080/ctx/hook?a=1");
  }

  @Test
  void forwarded_defaultPortIsLeftOut() {
    assertThat(
            PublicUrl.FORWARDED.of(
                request(
                    "X-Forwarded-Proto", "https",
                    "X-Forwarded-Host", "pub.example.com",
                    "X-Forwarded-Port", "443")))
        .isEqualTo("https://pub.example.com/ctx/hook?a=1");
  }
}
