package dev.hookverify.servlet;

import dev.hookverify.VerifiedWebhook;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The applications' servlets the contract suite deploys behind (and beside) the filter. */
final class Handlers {
  private Handlers() {}

  /**
   * A JSON webhook handler that counts each body it reads from the replayed stream, checks the
   * reader and the verified webhook agree with it, and answers as the body's {@code mode} says:
   * {@code throw}, {@code fail500}, {@code async}, {@code asyncTimeout} or {@code async500} on the
   * first delivery of that body, 204 otherwise. On an error dispatch it writes an error page.
   */
  static final class Recorder extends HttpServlet {
    private static final long serialVersionUID = 1L;
    final transient Map<String, Integer> handled = new ConcurrentHashMap<>();
    final transient Map<String, String> mismatches = new ConcurrentHashMap<>();
    private final long delayMillis;

    Recorder(long delayMillis) {
      this.delayMillis = delayMillis;
    }

    int count(String body) {
      return handled.getOrDefault(body, 0);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      if (req.getDispatcherType() == DispatcherType.ERROR) {
        resp.setStatus(500);
        resp.getWriter().write("error page");
        return;
      }
      String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      VerifiedWebhook webhook = VerifiedWebhooks.from(req).orElse(null);
      if (webhook == null || !webhook.bodyAsString().equals(body)) {
        mismatches.put(body, "verified webhook missing or different from the replayed body");
      }
      int attempt = handled.merge(body, 1, Integer::sum);
      pause();
      boolean first = attempt == 1;
      if (first && body.contains("\"mode\":\"throw\"")) {
        throw new IllegalStateException("handler failed on purpose");
      }
      if (first && body.contains("\"mode\":\"fail500\"")) {
        resp.setStatus(500);
        return;
      }
      if (body.contains("\"mode\":\"asyncCompletedAtOnce\"")) {
        AsyncContext async = req.startAsync();
        ((HttpServletResponse) async.getResponse()).setStatus(204);
        async.complete(); // completed before the handler returns to the filter
        return;
      }
      if (body.contains("\"mode\":\"async")) {
        AsyncContext async = req.startAsync();
        if (first && body.contains("\"mode\":\"asyncTimeout\"")) {
          async.setTimeout(300); // never completed: the container times it out
          return;
        }
        int status = first && body.contains("\"mode\":\"async500\"") ? 500 : 204;
        async.start(
            () -> {
              pause();
              readAgain(async.getRequest(), body);
              ((HttpServletResponse) async.getResponse()).setStatus(status);
              async.complete();
            });
        return;
      }
      resp.setStatus(204);
    }

    /** The async thread's view of the request must replay the same verified bytes. */
    private void readAgain(jakarta.servlet.ServletRequest request, String body) {
      try {
        String again = request.getReader().lines().collect(Collectors.joining("\n"));
        if (!again.equals(body)) {
          mismatches.put(body, "async request replayed " + again);
        }
      } catch (IOException | RuntimeException e) {
        mismatches.put(body, "async request could not replay the body: " + e);
      }
    }

    private void pause() {
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** A form handler: answers the named parameters, as a Twilio or Slack form handler reads them. */
  static final class FormEcho extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final String[] names;

    FormEcho(String... names) {
      this.names = names.clone();
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      StringBuilder out = new StringBuilder();
      for (String name : names) {
        out.append(name).append('=').append(req.getParameter(name)).append(';');
      }
      out.append("verified=").append(VerifiedWebhooks.from(req).isPresent());
      resp.setContentType("text/plain;charset=UTF-8");
      resp.getWriter().write(out.toString());
    }
  }

  /** A handler that keeps each verified webhook, as one that hands it to a worker does. */
  static final class Keeper extends HttpServlet {
    private static final long serialVersionUID = 1L;
    final transient java.util.List<VerifiedWebhook> kept =
        new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
      VerifiedWebhooks.from(req).ifPresent(kept::add);
      resp.setStatus(204);
    }
  }

  /** An unrelated upload endpoint: the container parses the multipart body itself. */
  static final class Upload extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      try {
        String sizes =
            req.getParts().stream()
                .map(part -> part.getName() + ":" + part.getSize())
                .collect(Collectors.joining(","));
        resp.getWriter().write(sizes + ";verified=" + VerifiedWebhooks.from(req).isPresent());
      } catch (jakarta.servlet.ServletException e) {
        resp.setStatus(500);
        resp.getWriter().write(e.toString());
      }
    }
  }
}
