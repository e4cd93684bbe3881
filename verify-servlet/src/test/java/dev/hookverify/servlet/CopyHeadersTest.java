package dev.hookverify.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.WebhookRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The headers the filter hands to verification: a container lists a name once per spelling it
 * received, and {@code getHeaders} returns every spelling's values for any of them, so each value
 * must be copied once. Containers themselves are exercised by {@link WebhookFilterContract}.
 */
class CopyHeadersTest {
  /** Received: {@code X-Sig: 1}, {@code x-sig: 2}, {@code X-SIG: 3}, {@code Host: h}. */
  private static HttpServletRequest request() {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            CopyHeadersTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "getHeaderNames":
                  return Collections.enumeration(List.of("X-Sig", "x-sig", "Host", "X-SIG"));
                case "getHeaders":
                  String name = (String) args[0];
                  return Collections.enumeration(
                      name.equalsIgnoreCase("x-sig")
                          ? List.of("1", "2", "3")
                          : name.equalsIgnoreCase("host") ? List.of("h") : List.of());
                default:
                  throw new UnsupportedOperationException(method.getName());
              }
            });
  }

  @Test
  void everySpellingsValuesAreCopiedOnce_inTheContainersOrder() {
    WebhookRequest.Builder builder = WebhookRequest.builder();
    WebhookFilter.copyHeaders(request(), builder);
    WebhookRequest copied = builder.build();

    assertThat(copied.headers("x-SIG")).containsExactly("1", "2", "3");
    assertThat(copied.headers("host")).containsExactly("h");
  }
}
