package dev.hookverify.servlet;

import dev.hookverify.VerifiedWebhook;
import dev.hookverify.internal.FormData;
import dev.hookverify.internal.SealedByteStream;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request the application sees after verification: its body is the verified bytes, replayed by
 * {@link #getInputStream()} and {@link #getReader()}, and its parameters are the query's and, for a
 * {@code POST} form, the verified body's, read strictly ({@link FormData}): a form that does not
 * read cleanly has no body parameters rather than a reading that differs from the verified one, and
 * the query counts only when the sender signed it. One request, one thread, as the container uses
 * it.
 */
final class BufferedRequest extends HttpServletRequestWrapper {
  private static final String FORM = "application/x-www-form-urlencoded";

  private final byte[] body;
  private final VerifiedWebhook webhook;
  private final ServletResponse response;
  private ServletInputStream stream;
  private BufferedReader reader;
  private Map<String, String[]> parameters;

  BufferedRequest(
      HttpServletRequest request, ServletResponse response, byte[] body, VerifiedWebhook webhook) {
    super(request);
    this.body = body;
    this.webhook = webhook;
    this.response = response;
    setAttribute(VerifiedWebhooks.ATTRIBUTE, webhook);
  }

  /**
   * Starts async processing with this request, so {@code AsyncContext.getRequest()} in the async
   * thread still replays the verified bytes (the default would hand out the original request, whose
   * body the filter has read).
   */
  @Override
  public AsyncContext startAsync() {
    return super.startAsync(this, response);
  }

  @Override
  public ServletInputStream getInputStream() {
    if (stream == null) {
      stream = new Replay(body);
    }
    return stream;
  }

  @Override
  public BufferedReader getReader() {
    if (reader == null) {
      reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
    }
    return reader;
  }

  @Override
  public int getContentLength() {
    return body.length;
  }

  @Override
  public long getContentLengthLong() {
    return body.length;
  }

  @Override
  public String getParameter(String name) {
    String[] values = parameters().get(name);
    return values == null ? null : values[0];
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return parameters();
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(parameters().keySet());
  }

  @Override
  public String[] getParameterValues(String name) {
    String[] values = parameters().get(name);
    return values == null ? null : values.clone();
  }

  @Override
  public Collection<Part> getParts() throws ServletException {
    throw new ServletException(
        "hookverify: parts are not parsed on a webhook path; read the verified body instead");
  }

  @Override
  public Part getPart(String name) throws ServletException {
    return getParts().iterator().next();
  }

  /**
   * The query's parameters, when the query is the sender's ({@link
   * VerifiedWebhook#isQueryAuthentic()}), then a POST form's, as the container would order them.
   * Senders that sign the body but not the URL (Slack) leave the query to whoever replays the
   * delivery: a replay could add {@code ?command=} ahead of the signed one, or relabel the body so
   * that only the query's parameters remain. Their handlers read the body's parameters only.
   */
  private Map<String, String[]> parameters() {
    if (parameters == null) {
      Map<String, List<String>> merged = new LinkedHashMap<>();
      String query = getQueryString();
      if (query != null && webhook.isQueryAuthentic()) {
        FormData.parseQuery(query, StandardCharsets.UTF_8).ifPresent(q -> merge(merged, q));
      }
      if (isForm()) {
        FormData.parse(body, charset()).ifPresent(form -> merge(merged, form));
      }
      Map<String, String[]> view = new LinkedHashMap<>();
      merged.forEach((name, values) -> view.put(name, values.toArray(new String[0])));
      parameters = Collections.unmodifiableMap(view);
    }
    return parameters;
  }

  private static void merge(Map<String, List<String>> into, Map<String, List<String>> from) {
    from.forEach(
        (name, values) -> into.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
  }

  /** Whether the body is a form the container would read parameters from: a POST form. */
  private boolean isForm() {
    String type = getContentType();
    if (!"POST".equals(getMethod()) || type == null) {
      return false;
    }
    int semicolon = type.indexOf(';');
    String mediaType = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
    return mediaType.toLowerCase(Locale.ROOT).equals(FORM);
  }

  /** The declared charset, else UTF-8 (what form senders use); an unknown one is UTF-8 too. */
  private Charset charset() {
    String name = getCharacterEncoding();
    if (name == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name.trim());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return StandardCharsets.UTF_8;
    }
  }

  /** The verified bytes as a servlet stream; always ready, as everything is in memory. */
  private static final class Replay extends ServletInputStream {
    private final SealedByteStream in;

    Replay(byte[] body) {
      this.in = new SealedByteStream(body); // its transferTo never hands out the verified array
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      return in.read(b, off, len);
    }

    // The array stream's own bulk reads: the inherited ones go through a scratch buffer (8 KiB
    // for readAllBytes, the way most handlers read a body) and copy twice.
    @Override
    public byte[] readAllBytes() {
      return in.readAllBytes();
    }

    @Override
    public int readNBytes(byte[] b, int off, int len) {
      return in.readNBytes(b, off, len);
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
      return in.transferTo(out);
    }

    @Override
    public long skip(long n) {
      return in.skip(n);
    }

    @Override
    public int available() {
      return in.available();
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
      try {
        if (!isFinished()) {
          listener.onDataAvailable();
        }
        listener.onAllDataRead();
      } catch (IOException e) {
        listener.onError(e);
      }
    }
  }
}
