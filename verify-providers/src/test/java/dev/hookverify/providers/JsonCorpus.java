package dev.hookverify.providers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Ambiguous variants of a JSON document, for the differential parsing tests: each class of
 * ambiguity a parser may read differently, applied one at a time to a well-formed base.
 *
 * <p>A template is JSON text with value slots ({@code $A}, replaced by each of the slot's values in
 * turn, the first being the default) and member markers: {@code ^n} right after the opening brace
 * of an object at level {@code n}, {@code ~n} right before its closing brace, where each member of
 * that level is inserted in turn (repeated keys, escaped spellings of a key, literal dotted keys,
 * nulls and wrong types). Then, on the base document: a byte order mark, data after the document,
 * another encoding, bytes that are not UTF-8, and nesting at and past every parser's limit.
 */
final class JsonCorpus {
  /** Raw bytes spliced into a string member: overlong, surrogate, truncated, stray, Latin-1. */
  private static final List<String> BAD_BYTES =
      List.of("c0af", "e080af", "eda080", "edbfbf", "e282", "ff", "fe", "80", "e9", "00", "01");

  private final String template;
  private final Map<String, List<String>> slots = new LinkedHashMap<>();
  private final Map<Integer, List<String>> members = new LinkedHashMap<>();
  private final List<String> trailers = new ArrayList<>();

  private JsonCorpus(String template) {
    this.template = template;
  }

  /** A corpus for {@code template}; see the class documentation for its syntax. */
  static JsonCorpus of(String template) {
    return new JsonCorpus(template);
  }

  /** Values for slot {@code $name}; the first is the default. */
  JsonCorpus slot(String name, String... values) {
    slots.put(name, List.of(values));
    return this;
  }

  /** Members inserted, one at a time, into the object at {@code level} (0 is the root). */
  JsonCorpus members(int level, String... texts) {
    members.computeIfAbsent(level, k -> new ArrayList<>()).addAll(List.of(texts));
    return this;
  }

  /** Texts appended after the base document (a second document, a stray character). */
  JsonCorpus trailers(String... texts) {
    trailers.addAll(List.of(texts));
    return this;
  }

  /** The base document: every slot at its default, no member inserted. */
  String base() {
    return fill(defaults(), -1, false, "");
  }

  /** Every variant as UTF-8 text, the base first; no two alike. */
  List<String> texts() {
    Set<String> out = new LinkedHashSet<>();
    Map<String, String> defaults = defaults();
    out.add(base());
    for (Map.Entry<String, List<String>> slot : slots.entrySet()) {
      for (String value : slot.getValue()) {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        values.put(slot.getKey(), value);
        out.add(fill(values, -1, false, ""));
      }
    }
    for (Map.Entry<Integer, List<String>> level : members.entrySet()) {
      for (String member : level.getValue()) {
        out.add(fill(defaults, level.getKey(), true, member));
        out.add(fill(defaults, level.getKey(), false, member));
      }
    }
    String base = base();
    for (int depth : new int[] {62, 63, 64, 65, 1000}) {
      // The root object counts as one level: depth + 1 in all.
      String deep = "\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + ",";
      out.add("{" + deep + base.substring(1));
    }
    for (String trailer : trailers) {
      out.add(base + trailer);
    }
    out.add(" \n\t" + base + "\r\n ");
    out.add(base + "\n");
    return new ArrayList<>(out);
  }

  /** Every variant as bytes: the texts, then encodings and bytes no UTF-8 parser should take. */
  List<Variant> variants() {
    List<Variant> out = new ArrayList<>();
    for (String text : texts()) {
      out.add(new Variant(text, utf8(text), UnaryOperator.identity()));
    }
    byte[] base = utf8(base());
    out.add(new Variant("BOM + base", base, JsonCorpus::withBom));
    out.add(new Variant("UTF-16LE base", base, b -> recode(b, StandardCharsets.UTF_16LE)));
    out.add(new Variant("UTF-16BE base", base, b -> recode(b, StandardCharsets.UTF_16BE)));
    out.add(new Variant("UTF-16 base with BOM", base, b -> recode(b, StandardCharsets.UTF_16)));
    out.add(
        new Variant(
            "UTF-32LE base", base, b -> recode(b, java.nio.charset.Charset.forName("UTF-32LE"))));
    for (String hex : BAD_BYTES) {
      byte[] bad = HexFormat.of().parseHex(hex);
      String text = "{\"junk\":\"a\u00a7b\"," + base().substring(1);
      out.add(new Variant("bytes " + hex + " in a string", splice(utf8(text), bad), b -> b));
      String key = "{\"a\u00a7b\":1," + base().substring(1);
      out.add(new Variant("bytes " + hex + " in a key", splice(utf8(key), bad), b -> b));
    }
    return out;
  }

  /**
   * One document: its UTF-8 bytes (possibly with signature placeholders) and how the signed bytes
   * are encoded on the wire (a byte order mark, UTF-16), applied after signing.
   */
  static final class Variant {
    final String label;
    final byte[] utf8;
    final UnaryOperator<byte[]> wire;

    Variant(String label, byte[] utf8, UnaryOperator<byte[]> wire) {
      this.label = label;
      this.utf8 = utf8;
      this.wire = wire;
    }
  }

  private Map<String, String> defaults() {
    Map<String, String> values = new LinkedHashMap<>();
    slots.forEach((name, list) -> values.put(name, list.get(0)));
    return values;
  }

  private String fill(Map<String, String> values, int level, boolean first, String member) {
    String text = template;
    // Longest names first, so $AB is not read as $A followed by B.
    List<String> names = new ArrayList<>(values.keySet());
    names.sort((a, b) -> b.length() - a.length());
    for (String name : names) {
      text = text.replace("$" + name, values.get(name));
    }
    for (int n = 0; n < 10; n++) {
      text = text.replace("^" + n, n == level && first ? member + "," : "");
      text = text.replace("~" + n, n == level && !first ? "," + member : "");
    }
    return text;
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] withBom(byte[] body) {
    byte[] out = new byte[body.length + 3];
    out[0] = (byte) 0xef;
    out[1] = (byte) 0xbb;
    out[2] = (byte) 0xbf;
    System.arraycopy(body, 0, out, 3, body.length);
    return out;
  }

  private static byte[] recode(byte[] body, java.nio.charset.Charset charset) {
    return new String(body, StandardCharsets.UTF_8).getBytes(charset);
  }

  /** Replaces the UTF-8 of U+00A7 in {@code text} with {@code bytes}. */
  private static byte[] splice(byte[] text, byte[] bytes) {
    for (int i = 0; i + 1 < text.length; i++) {
      if ((text[i] & 0xff) == 0xc2 && (text[i + 1] & 0xff) == 0xa7) {
        byte[] out = new byte[text.length - 2 + bytes.length];
        System.arraycopy(text, 0, out, 0, i);
        System.arraycopy(bytes, 0, out, i, bytes.length);
        System.arraycopy(text, i + 2, out, i + bytes.length, text.length - i - 2);
        return out;
      }
    }
    throw new IllegalArgumentException("no splice point");
  }
}
