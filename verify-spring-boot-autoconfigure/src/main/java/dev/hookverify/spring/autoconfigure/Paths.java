package dev.hookverify.spring.autoconfigure;

/** The endpoint path forms: exact, or a prefix ending in {@code /*}, as Servlet URL patterns. */
final class Paths {
  private Paths() {}

  /** Why {@code path} is not a valid endpoint path, or null if it is. */
  static String problem(String path) {
    if (path == null || path.isBlank()) {
      return "is not set";
    }
    if (!path.startsWith("/")) {
      return "does not start with /";
    }
    if (path.chars().anyMatch(c -> c <= ' ' || c == '?' || c == '#' || c == ';')) {
      return "contains a space, ?, # or ;";
    }
    int star = path.indexOf('*');
    if (star >= 0 && (star != path.length() - 1 || !path.endsWith("/*"))) {
      return "has a * other than a final /*";
    }
    return null;
  }

  /** Whether {@code requestPath} is served by {@code pattern}. */
  static boolean matches(String pattern, String requestPath) {
    if (pattern.endsWith("/*")) {
      String base = pattern.substring(0, pattern.length() - 2);
      return requestPath.equals(base) || requestPath.startsWith(base + "/");
    }
    return pattern.equals(requestPath);
  }

  /** Whether some request path is served by both patterns. */
  static boolean overlap(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    boolean prefixA = a.endsWith("/*");
    boolean prefixB = b.endsWith("/*");
    if (prefixA && prefixB) {
      String baseA = a.substring(0, a.length() - 2);
      String baseB = b.substring(0, b.length() - 2);
      return matches(a, baseB) || matches(b, baseA);
    }
    return prefixA ? matches(a, b) : prefixB && matches(b, a);
  }
}
