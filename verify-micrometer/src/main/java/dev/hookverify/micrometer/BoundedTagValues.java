package dev.hookverify.micrometer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The values one tag may take: the first {@code max} distinct values seen are kept as they are,
 * every later one becomes {@value #OTHER}, and an absent value is {@value #NONE}. So a tag fed from
 * configuration that grows (tenants, rotated key ids) adds at most {@code max + 2} series.
 *
 * <p>Thread-safe. A value seen before is answered without locking; only the first sighting of a
 * value takes a lock, and once the limit is reached nothing does.
 */
final class BoundedTagValues {
  /** The value of a tag whose value is absent. */
  static final String NONE = "none";

  /** The value of a tag whose value came after the limit was reached. */
  static final String OTHER = "other";

  private final int max;
  private final ConcurrentMap<String, String> admitted = new ConcurrentHashMap<>();
  private volatile boolean full;

  BoundedTagValues(int max) {
    this.max = max;
  }

  /** The tag value for {@code value}: itself, {@value #OTHER} or, for null, {@value #NONE}. */
  String admit(String value) {
    if (value == null) {
      return NONE;
    }
    String known = admitted.get(value);
    if (known != null) {
      return known;
    }
    if (full) {
      return OTHER;
    }
    synchronized (this) {
      if (admitted.containsKey(value)) {
        return value;
      }
      if (admitted.size() >= max) {
        full = true;
        return OTHER;
      }
      admitted.put(value, value);
      return value;
    }
  }
}
