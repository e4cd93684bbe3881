package dev.hookverify.providers.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * The one place hookverify configures Jackson: every JSON parser and generator in the providers
 * module (strict body reading, Zoom's URL validation answer, the command-line tool's output and
 * diagnoses) comes from a factory made here, with one set of limits. Not exported.
 */
public final class Json {
  /** The deepest nesting of objects and arrays read. */
  public static final int MAX_DEPTH = 64;

  /** The longest string read, in characters: the body limit. */
  public static final int MAX_STRING_LENGTH = 1 << 20;

  /** The longest number read, in digits: longer ones are no amount or timestamp. */
  public static final int MAX_NUMBER_LENGTH = 64;

  private static final JsonFactory UNLIMITED_TOKENS = factory(-1);

  private Json() {}

  /**
   * A factory with the limits above, reading at most {@code maxTokens} tokens per document (-1 for
   * no limit), refusing repeated keys, and keeping field names out of Jackson's shared symbol
   * tables (hostile names must not fill them).
   */
  public static JsonFactory factory(long maxTokens) {
    return JsonFactory.builder()
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxTokenCount(maxTokens)
                .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
        .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
        .build();
  }

  /** The shared factory without a token limit, for trusted documents and for writing. */
  public static JsonFactory factory() {
    return UNLIMITED_TOKENS;
  }
}
