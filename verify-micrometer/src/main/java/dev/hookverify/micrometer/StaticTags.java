package dev.hookverify.micrometer;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.List;

/** The fixed tags a user adds to every meter, checked not to replace one of ours. */
final class StaticTags {
  private StaticTags() {}

  /**
   * {@code tags} as {@link Tags}.
   *
   * @throws IllegalArgumentException if a key is one of {@code reserved}
   */
  static Tags of(Iterable<Tag> tags, List<String> reserved) {
    Tags checked = Tags.of(requireNonNull(tags, "tags"));
    for (Tag tag : checked) {
      if (reserved.contains(tag.getKey())) {
        throw new IllegalArgumentException(
            "tag " + tag.getKey() + " is set by hookverify; reserved: " + reserved);
      }
    }
    return checked;
  }

  /**
   * {@code value}, checked to be a usable tag value.
   *
   * @throws IllegalArgumentException if it is blank
   */
  static String value(String value, String what) {
    requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " is blank");
    }
    return value;
  }
}
