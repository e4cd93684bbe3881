package dev.hookverify;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The URLs a sender's signing certificates may be named by: {@code https}, a host that matches one
 * of the sender's exact host patterns, no user information, no port (unless a pattern names one),
 * no query or fragment, and a plain path. A certificate-signed message ({@link
 * CertificateSignature}) is checked against it before its certificate is even looked up, so a
 * message naming {@code https://sns.us-east-1.amazonaws.com.evil.example/x.pem}, {@code
 * https://user@sns.us-east-1.amazonaws.com/x.pem}, {@code http://...} or {@code
 * https://sns.us-east-1.amazonaws.com:8443/x.pem} is refused without a look-up, let alone a fetch.
 *
 * <p>A host pattern is a lower-case DNS name whose labels may each hold one {@code *}, matching one
 * or more of {@code a-z 0-9 -} within that label only: {@code sns.*.amazonaws.com} matches {@code
 * sns.us-west-2.amazonaws.com} but neither {@code sns.a.b.amazonaws.com} nor {@code
 * sns.us-west-2.amazonaws.com.evil.example}. A pattern may end in {@code :port}, for a test server
 * on loopback; then exactly that port must be named.
 *
 * <p>The path is one or more {@code /}-separated segments of {@code A-Z a-z 0-9 . _ ~ -}, none
 * empty, {@code .} or {@code ..}: no percent-escapes, so no two spellings of one path.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CertificateUrlPolicy {
  /** The longest certificate URL considered. */
  public static final int MAX_URL_LENGTH = 2048;

  private static final String SCHEME = "https://";

  private final List<String> hosts;
  private final String pathSuffix;

  private CertificateUrlPolicy(Builder b) {
    this.hosts = List.copyOf(b.hosts);
    this.pathSuffix = b.pathSuffix;
  }

  /** A builder with no host allowed yet. */
  public static Builder builder() {
    return new Builder();
  }

  /** The host patterns, in the order given. */
  public List<String> hosts() {
    return hosts;
  }

  /** Whether {@code url} names a certificate this policy allows to be looked up. */
  public boolean allows(CharSequence url) {
    if (url == null || url.length() > MAX_URL_LENGTH || url.length() <= SCHEME.length()) {
      return false;
    }
    for (int i = 0; i < SCHEME.length(); i++) {
      if (url.charAt(i) != SCHEME.charAt(i)) {
        return false; // exactly "https://", lower case: no http, no other scheme
      }
    }
    int hostStart = SCHEME.length();
    int pathStart = hostStart;
    while (pathStart < url.length() && url.charAt(pathStart) != '/') {
      pathStart++;
    }
    if (pathStart == url.length()) {
      return false; // no path
    }
    String authority = url.subSequence(hostStart, pathStart).toString();
    return hostAllowed(authority) && pathAllowed(url, pathStart);
  }

  private boolean hostAllowed(String authority) {
    for (String pattern : hosts) {
      if (matches(pattern, authority)) {
        return true;
      }
    }
    return false;
  }

  private boolean pathAllowed(CharSequence url, int start) {
    int segmentStart = start + 1;
    for (int i = start + 1; i <= url.length(); i++) {
      char c = i == url.length() ? '/' : url.charAt(i);
      if (c == '/') {
        int length = i - segmentStart;
        if (length == 0
            || (length == 1 && url.charAt(segmentStart) == '.')
            || (length == 2
                && url.charAt(segmentStart) == '.'
                && url.charAt(segmentStart + 1) == '.')) {
          return false;
        }
        segmentStart = i + 1;
      } else if (!isPathChar(c)) {
        return false; // '?', '#', '%', '\', '@', ':' and anything else unusual
      }
    }
    if (pathSuffix != null) {
      String path = url.subSequence(start, url.length()).toString();
      return path.endsWith(pathSuffix) && path.length() > pathSuffix.length() + 1;
    }
    return true;
  }

  private static boolean isPathChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == '~'
        || c == '-';
  }

  /** Whether {@code authority} (host, or host:port) matches {@code pattern} label by label. */
  static boolean matches(String pattern, String authority) {
    String[] patternLabels = pattern.split("\\.", -1);
    String[] labels = authority.split("\\.", -1);
    if (patternLabels.length != labels.length) {
      return false;
    }
    for (int i = 0; i < labels.length; i++) {
      if (!labelMatches(patternLabels[i], labels[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean labelMatches(String pattern, String label) {
    int star = pattern.indexOf('*');
    if (star < 0) {
      return pattern.equals(label);
    }
    String prefix = pattern.substring(0, star);
    String suffix = pattern.substring(star + 1);
    if (label.length() <= prefix.length() + suffix.length()
        || !label.startsWith(prefix)
        || !label.endsWith(suffix)) {
      return false;
    }
    for (int i = prefix.length(); i < label.length() - suffix.length(); i++) {
      char c = label.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "CertificateUrlPolicy{https://"
        + hosts
        + (pathSuffix == null ? "" : "/*" + pathSuffix)
        + "}";
  }

  /** Builds a {@link CertificateUrlPolicy}; checks each input at once. Not thread-safe. */
  public static final class Builder {
    private final List<String> hosts = new ArrayList<>();
    private String pathSuffix;

    private Builder() {}

    /**
     * Allows certificate URLs on hosts matching {@code pattern}, such as {@code api.paypal.com} or
     * {@code sns.*.amazonaws.com}.
     *
     * @throws IllegalArgumentException if it is not a lower-case DNS name, its labels each with at
     *     most one {@code *}, optionally followed by {@code :port}
     */
    public Builder host(String pattern) {
      if (!requireNonNull(pattern, "pattern")
          .matches(
              "([a-z0-9*]([a-z0-9*-]{0,61}[a-z0-9*])?\\.)*[a-z0-9*]([a-z0-9*-]{0,61}[a-z0-9*])?"
                  + "(:[1-9][0-9]{0,4})?")) {
        throw new IllegalArgumentException("not a lower-case host pattern: " + pattern);
      }
      for (String label : pattern.split("\\.")) {
        if (label.indexOf('*') != label.lastIndexOf('*')) {
          throw new IllegalArgumentException("at most one * per label: " + pattern);
        }
      }
      if (pattern.startsWith("*.") || pattern.equals("*")) {
        // Never "any host under a domain the sender does not control".
        throw new IllegalArgumentException("the first label must name the sender's host");
      }
      hosts.add(pattern);
      return this;
    }

    /** Requires the path to end with {@code suffix}, such as {@code .pem}. */
    public Builder pathSuffix(String suffix) {
      if (!requireNonNull(suffix, "suffix").matches("[A-Za-z0-9._~-]{1,16}")) {
        throw new IllegalArgumentException("not a plain path suffix: " + suffix);
      }
      this.pathSuffix = suffix;
      return this;
    }

    /**
     * The policy.
     *
     * @throws IllegalStateException if no host was allowed
     */
    public CertificateUrlPolicy build() {
      if (hosts.isEmpty()) {
        throw new IllegalStateException("at least one host is required");
      }
      return new CertificateUrlPolicy(this);
    }
  }
}
