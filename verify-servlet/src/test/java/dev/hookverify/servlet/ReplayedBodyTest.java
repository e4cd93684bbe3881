package dev.hookverify.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The stream that replays the verified body to the application, read in bulk. */
class ReplayedBodyTest {
  private static final byte[] SIGNED = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.US_ASCII);

  private static BufferedRequest replaying(byte[] body) {
    HttpServletRequest container =
        (HttpServletRequest)
            Proxy.newProxyInstance(
                ReplayedBodyTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("setAttribute")) {
                    return null;
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    return new BufferedRequest(container, null, body, null);
  }

  @Test
  void transferTo_writesACopy_soTheApplicationsStreamCannotChangeTheVerifiedBytes()
      throws Exception {
    byte[] verified = SIGNED.clone();
    ServletInputStream in = replaying(verified).getInputStream();
    OutputStream scribbler =
        new OutputStream() {
          @Override
          public void write(int b) {}

          @Override
          public void write(byte[] b, int off, int len) {
            Arrays.fill(b, off, off + len, (byte) 'X');
          }
        };
    assertThat(in.read()).isEqualTo('{');

    assertThat(in.transferTo(scribbler)).isEqualTo(SIGNED.length - 1);
    assertThat(verified).isEqualTo(SIGNED);
    assertThat(in.isFinished()).isTrue();
  }

  @Test
  void bulkReads_returnTheRestOnce() throws Exception {
    ServletInputStream in = replaying(SIGNED.clone()).getInputStream();
    byte[] head = new byte[4];
    assertThat(in.readNBytes(head, 0, 4)).isEqualTo(4);
    assertThat(in.skip(1)).isEqualTo(1);
    assertThat(in.available()).isEqualTo(SIGNED.length - 5);

    byte[] rest = in.readAllBytes();
    rest[0] = 'X'; // a copy

    assertThat(head).isEqualTo(Arrays.copyOf(SIGNED, 4));
    assertThat(rest).hasSize(SIGNED.length - 5);
    assertThat(in.readAllBytes()).isEmpty();
    assertThat(replaying(SIGNED).getInputStream().readAllBytes()).isEqualTo(SIGNED);
  }
}
