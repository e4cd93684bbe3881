package dev.hookverify.benchmarks;

import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.TestKeys;
import dev.hookverify.servlet.WebhookFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The servlet filter's own work per request, without a container: a request object shaped like the
 * request path's (a 1 KiB Stripe delivery, its headers as wrk sends them), served by a stand-in for
 * the request path's endpoint (it reads the body and answers 204) alone ({@code endpoint}) and
 * behind {@link WebhookFilter} ({@code filtered}). The difference is what the filter adds in Java:
 * reading the body, copying the headers, the URL, building the request, verifying, the replaying
 * wrapper. Each operation builds a fresh request, as a container does. Run with {@code -prof gc}.
 *
 * <p>Run: {@code java -jar verify-benchmarks/target/benchmarks.jar FilterBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// The endpoint alone takes about 5 s to settle (it ran at 2-60x its final time before that).
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FilterBenchmark {
  private static final String PATH = "/hooks/stripe";

  private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final List<String> headerNames = new ArrayList<>();
  private byte[] body;
  private WebhookFilter filter;
  private HttpServletResponse response;

  @Setup
  public void setUp() {
    long now = Instant.now().getEpochSecond();
    body = Fixture.body(1024);
    TestKeys keys = Providers.byName("stripe").sender().newTestKeys();
    String url = "http://127.0.0.1:8080" + PATH;
    addHeader("Host", "127.0.0.1:8080");
    addHeader("Content-Length", Integer.toString(body.length));
    Fixture.signed("stripe", keys.signingKey(), now, url, "application/json", body)
        .forEach(this::addHeader);
    WebhookVerifier verifier =
        Providers.byName("stripe")
            .verifier(List.of(keys.verificationKey()))
            .clock(Fixture.clock(now))
            .build();
    filter = WebhookFilter.of(verifier);
    response = new Answer();
  }

  private void addHeader(String name, String value) {
    headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    headerNames.add(name);
  }

  /** The endpoint alone: what the bare endpoint of the request path does. */
  @Benchmark
  public void endpoint(Blackhole blackhole) throws Exception {
    servlet(blackhole).doFilter(new Received(), response);
  }

  /** The same endpoint behind the filter. */
  @Benchmark
  public void filtered(Blackhole blackhole) throws Exception {
    filter.doFilter(new Received(), response, servlet(blackhole));
  }

  private FilterChain servlet(Blackhole blackhole) {
    return (request, answer) -> {
      blackhole.consume(request.getInputStream().readAllBytes());
      ((HttpServletResponse) answer).setStatus(204);
    };
  }

  /** Anything not overridden below is not expected: it throws. */
  private static <T> T unexpected(Class<T> type) {
    return type.cast(
        Proxy.newProxyInstance(
            FilterBenchmark.class.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              throw new UnsupportedOperationException(method.getName());
            }));
  }

  private static final HttpServletRequest UNEXPECTED = unexpected(HttpServletRequest.class);
  private static final HttpServletResponse UNEXPECTED_ANSWER =
      unexpected(HttpServletResponse.class);

  /** One request as a container hands it over: a fresh body stream, fresh enumerations. */
  private final class Received extends HttpServletRequestWrapper {
    private Object attribute;

    Received() {
      super(UNEXPECTED);
    }

    @Override
    public DispatcherType getDispatcherType() {
      return DispatcherType.REQUEST;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public String getMethod() {
      return "POST";
    }

    @Override
    public StringBuffer getRequestURL() {
      return new StringBuffer("http://127.0.0.1:8080").append(PATH);
    }

    @Override
    public String getQueryString() {
      return null;
    }

    @Override
    public String getRemoteAddr() {
      return "127.0.0.1";
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      return Collections.enumeration(headerNames);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return Collections.enumeration(headers.getOrDefault(name, List.of()));
    }

    @Override
    public void setAttribute(String name, Object value) {
      attribute = value;
    }

    @Override
    public Object getAttribute(String name) {
      return attribute;
    }

    @Override
    public boolean isAsyncStarted() {
      return false;
    }
  }

  /** The answer: only its status is set. */
  private static final class Answer extends HttpServletResponseWrapper {
    private int status;

    Answer() {
      super(UNEXPECTED_ANSWER);
    }

    @Override
    public void setStatus(int status) {
      this.status = status;
    }

    @Override
    public int getStatus() {
      return status;
    }
  }
}
