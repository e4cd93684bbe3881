package dev.hookverify;

import java.util.Optional;

/** Bounded, exception-free reading of parts of a URI string as received. */
final class UriParts {
  private UriParts() {}

  static Optional<String> queryParameter(String uri, String name) {
    int query = uri.indexOf('?');
    if (query < 0) {
      return Optional.empty();
    }
    int end = uri.indexOf('#', query);
    end = end < 0 ? uri.length() : end;
    String found = null;
    int start = query + 1;
    while (start <= end) {
      int amp = uri.indexOf('&', start);
      int stop = amp < 0 || amp > end ? end : amp;
      int eq = indexOf(uri, '=', start, stop); // bounded: a plain indexOf made this quadratic
      if (eq > 0
          && uri.regionMatches(start, name, 0, name.length())
          && eq - start == name.length()) {
        if (found != null) {
          return Optional.empty();
        }
        found = uri.substring(eq + 1, stop);
      }
      start = stop + 1;
    }
    return found == null || found.isEmpty() ? Optional.empty() : Optional.of(found);
  }

  /** The first index of {@code c} in {@code s[from, to)}, or -1. */
  private static int indexOf(String s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  static Optional<String> pathSegment(String uri, int index) {
    int pathStart = 0;
    int scheme = uri.indexOf("://");
    if (scheme >= 0) {
      pathStart = uri.indexOf('/', scheme + 3);
      if (pathStart < 0) {
        return Optional.empty();
      }
    }
    int pathEnd = uri.length();
    for (int i = pathStart; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == '?' || c == '#') {
        pathEnd = i;
        break;
      }
    }
    int segment = -1;
    int start = pathStart;
    while (start < pathEnd) {
      if (uri.charAt(start) == '/') {
        start++;
        continue;
      }
      int slash = uri.indexOf('/', start);
      int stop = slash < 0 || slash > pathEnd ? pathEnd : slash;
      if (++segment == index) {
        return Optional.of(uri.substring(start, stop));
      }
      start = stop;
    }
    return Optional.empty();
  }
}
