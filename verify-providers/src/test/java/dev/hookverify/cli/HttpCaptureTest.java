package dev.hookverify.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading a captured HTTP/1.1 request: framing, line endings, the URL, and what is refused. */
class HttpCaptureTest {
  private final List<String> warnings = new ArrayList<>();

  private CapturedRequest parse(String raw) throws UsageException {
    return HttpCapture.parse(raw.getBytes(StandardCharsets.ISO_8859_1), Optional.empty(), warnings);
  }

  private static String body(CapturedRequest request) {
    return new String(request.body, StandardCharsets.UTF_8);
  }

  @Test
  void contentLength_takesExactlyThatManyBytes_andWarnsAboutMore() throws Exception {
    CapturedRequest request =
        parse(
            "POST /in?a=1 HTTP/1.1\r\n"
                + "Host: h.example\r\n"
                + "Content-Length: 5\r\n\r\n"
                + "helloGET / HTTP/1.1");
    assertThat(body(request)).isEqualTo("hello");
    assertThat(request.url).isEqualTo("https://h.example/in?a=1");
    assertThat(request.method).isEqualTo("POST");
    assertThat(warnings).containsExactly("ignored 14 bytes after the request's body");
  }

  @Test
  void trailingLineEndsAfterTheBody_areNotWorthAWarning() throws Exception {
    parse("POST / HTTP/1.1\nHost: h\nContent-Length: 2\n\n{}\n\n");
    assertThat(warnings).isEmpty();
  }

  @Test
  void noLength_theRestIsTheBody_bytesKeptExactly() throws Exception {
    CapturedRequest request = parse("POST / HTTP/1.1\nHost: h\n\n{\"a\":1}\r\n");
    assertThat(body(request)).isEqualTo("{\"a\":1}\r\n");
  }

  @Test
  void chunked_withExtensionsAndTrailers() throws Exception {
    CapturedRequest request =
        parse(
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 99\r\n\r\n"
                + "3;name=x\r\nabc\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n");
    assertThat(body(request)).isEqualTo("abc0123456789");
    assertThat(warnings).isEmpty();
  }

  @Test
  void absoluteFormTarget_isTheUrl() throws Exception {
    assertThat(parse("POST http://proxy.example:8080/x HTTP/1.1\nHost: other\n\n").url)
        .isEqualTo("http://proxy.example:8080/x");
  }

  @Test
  void headersKeepTheirOrderAndRepeats() throws Exception {
    CapturedRequest request = parse("POST / HTTP/1.1\nHost: h\nA: 1\nA: 2\nB:3\n\n");
    assertThat(request.headers)
        .extracting(h -> h[0] + "=" + h[1])
        .containsExactly("Host=h", "A=1", "A=2", "B=3");
  }

  @Test
  void refusals_nameWhatIsWrong() {
    assertRefused("", "request line");
    assertRefused("POST /\nHost: h\n\n", "request line");
    assertRefused("POST / HTTP/2\nHost: h\n\n", "request line");
    assertRefused("POST / HTTP/1.1\n\n", "no Host header");
    assertRefused("POST / HTTP/1.1\nHost: h\nX: a\n b\n\n", "folds a header");
    assertRefused("POST / HTTP/1.1\nHost: h\nno colon\n\n", "Name: value");
    assertRefused(
        "POST / HTTP/1.1\nHost: h\nContent-Length: 10\n\nshort", "Content-Length says 10");
    assertRefused("POST / HTTP/1.1\nHost: h\nContent-Length: -1\n\n", "Content-Length says -1");
    assertRefused("POST / HTTP/1.1\nHost: h\nTransfer-Encoding: gzip\n\n", "not supported");
    assertRefused(
        "POST / HTTP/1.1\nHost: h\nTransfer-Encoding: chunked\n\nzz\n", "not hexadecimal");
    assertRefused(
        "POST / HTTP/1.1\nHost: h\nTransfer-Encoding: chunked\n\nffffff\nab\n",
        "runs past the end");
    assertRefused(
        "POST / HTTP/1.1\nHost: h\nTransfer-Encoding: chunked\n\n2\nabc\n0\n\n", "longer than");
    assertRefused("POST relative HTTP/1.1\nHost: h\n\n", "neither a path nor a URL");
    assertRefused("POST / HTTP/1.1\nHost: a b\n\n", "not an absolute http or https URL");
  }

  private void assertRefused(String raw, String message) {
    assertThatThrownBy(() -> parse(raw))
        .as(raw)
        .isInstanceOf(UsageException.class)
        .hasMessageContaining(message);
  }
}
