package dev.hookverify.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A raw HTTP/1.1 request as captured by a proxy log, {@code nc -l} or a webhook inspector: request
 * line, header lines, a blank line, the body. Lines may end in CRLF or a bare LF (editors and
 * terminals drop the CR); the body is read as its {@code Transfer-Encoding: chunked} framing or its
 * {@code Content-Length} says, or is the rest of the capture when neither is given. The URL is the
 * request line's absolute form, or {@code https://} + {@code Host} + its path: senders call public
 * HTTPS endpoints, and {@code --url} replaces it when a proxy changed what the sender called.
 */
final class HttpCapture {
  private final byte[] raw;
  private int at;

  private HttpCapture(byte[] raw) {
    this.raw = raw;
  }

  /**
   * The request in {@code raw}, with {@code url} instead of the captured one if present; {@code
   * warnings} collects what was ignored.
   */
  static CapturedRequest parse(byte[] raw, Optional<String> url, List<String> warnings)
      throws UsageException {
    return new HttpCapture(raw).request(url, warnings);
  }

  private CapturedRequest request(Optional<String> url, List<String> warnings)
      throws UsageException {
    String requestLine = line();
    while (requestLine.isEmpty() && at < raw.length) {
      requestLine = line(); // a capture may start with blank lines
    }
    String[] parts = requestLine.split(" ", -1);
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.") || parts[0].isEmpty()) {
      throw new UsageException(
          "the capture does not start with a request line such as 'POST /webhooks HTTP/1.1'");
    }
    List<String> headerLines = new ArrayList<>();
    for (String line = line(); !line.isEmpty(); line = line()) {
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        throw new UsageException(
            "the capture folds a header over two lines (obsolete in HTTP/1.1)");
      }
      headerLines.add(line);
    }
    List<String[]> headers = CapturedRequest.headerLines(headerLines);
    byte[] body = body(headers, warnings);
    String target = parts[1];
    String resolved = url.orElse(null);
    if (resolved == null) {
      if (target.startsWith("http://") || target.startsWith("https://")) {
        resolved = target;
      } else if (target.startsWith("/")) {
        String host =
            header(headers, "host")
                .orElseThrow(
                    () ->
                        new UsageException(
                            "the capture has no Host header: give the URL the sender called with"
                                + " --url"));
        resolved = "https://" + host + target;
      } else {
        throw new UsageException("the request line's target is neither a path nor a URL");
      }
    }
    return new CapturedRequest(parts[0], Inputs.url(resolved), headers, body);
  }

  private byte[] body(List<String[]> headers, List<String> warnings) throws UsageException {
    Optional<String> encoding = header(headers, "transfer-encoding");
    Optional<String> length = header(headers, "content-length");
    if (encoding.isPresent()) {
      if (!encoding.get().strip().equalsIgnoreCase("chunked")) {
        throw new UsageException("Transfer-Encoding " + encoding.get() + " is not supported");
      }
      return chunked(warnings);
    }
    if (length.isEmpty()) {
      byte[] rest = java.util.Arrays.copyOfRange(raw, at, raw.length);
      at = raw.length;
      return rest;
    }
    long declared;
    try {
      declared = Long.parseLong(length.get().strip());
    } catch (NumberFormatException e) {
      declared = -1;
    }
    if (declared < 0 || declared > raw.length - at) {
      throw new UsageException(
          "Content-Length says "
              + length.get().strip()
              + " bytes but the capture holds "
              + (raw.length - at)
              + " after the headers");
    }
    byte[] body = java.util.Arrays.copyOfRange(raw, at, at + (int) declared);
    at += (int) declared;
    warnIfMore(warnings);
    return body;
  }

  private byte[] chunked(List<String> warnings) throws UsageException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line();
      int extension = sizeLine.indexOf(';');
      String hex = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip();
      int size;
      try {
        size = hex.isEmpty() || hex.length() > 7 ? -1 : Integer.parseInt(hex, 16);
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (size < 0) {
        throw new UsageException("a chunk size is not hexadecimal: '" + printable(sizeLine) + "'");
      }
      if (size == 0) {
        break;
      }
      if (size > raw.length - at) {
        throw new UsageException("a chunk of " + size + " bytes runs past the end of the capture");
      }
      body.write(raw, at, size);
      at += size;
      if (!line().isEmpty()) {
        throw new UsageException("a chunk is longer than its size line says");
      }
    }
    while (at < raw.length && !line().isEmpty()) {
      // trailer fields: not part of the body, and no sender signs them
    }
    warnIfMore(warnings);
    return body.toByteArray();
  }

  private void warnIfMore(List<String> warnings) {
    int left = raw.length - at;
    boolean onlyLineEnds = true;
    for (int i = at; i < raw.length; i++) {
      onlyLineEnds &= raw[i] == '\r' || raw[i] == '\n';
    }
    if (left > 0 && !onlyLineEnds) {
      warnings.add("ignored " + left + " bytes after the request's body");
    }
  }

  /** The next line without its CRLF or LF; ISO-8859-1, as HTTP/1.1 header bytes are. */
  private String line() {
    int start = at;
    while (at < raw.length && raw[at] != '\n') {
      at++;
    }
    int end = at;
    if (at < raw.length) {
      at++; // the LF
    }
    if (end > start && raw[end - 1] == '\r') {
      end--;
    }
    return new String(raw, start, end - start, StandardCharsets.ISO_8859_1);
  }

  private static Optional<String> header(List<String[]> headers, String lowerCaseName) {
    for (String[] header : headers) {
      if (header[0].toLowerCase(Locale.ROOT).equals(lowerCaseName)) {
        return Optional.of(header[1]);
      }
    }
    return Optional.empty();
  }

  private static String printable(String text) {
    String cut = text.length() > 20 ? text.substring(0, 20) + "..." : text;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
