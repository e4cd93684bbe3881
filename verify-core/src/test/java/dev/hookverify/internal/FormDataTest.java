package dev.hookverify.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Strict form reading: what a handler reads is all or nothing, never a partial or lax reading. */
class FormDataTest {
  private static Map<String, List<String>> parse(String form) {
    return FormData.parse(form.getBytes(ISO_8859_1), UTF_8).orElseThrow();
  }

  @Test
  void parse_splitsAsContainersDo_keepingOrderAndRepeats() {
    Map<String, List<String>> form = parse("b=2&&a=x+y%20z&b=3&flag&=empty-name&c=a=b");

    assertThat(form.keySet()).containsExactly("b", "a", "flag", "", "c");
    assertThat(form.get("b")).containsExactly("2", "3");
    assertThat(form.get("a")).containsExactly("x y z");
    assertThat(form.get("flag")).containsExactly("");
    assertThat(form.get("c")).containsExactly("a=b"); // split at the first '=' only
  }

  @Test
  void parse_decodesUtf8_andNewlinesInValues() {
    assertThat(parse("Body=Caf%C3%A9%0Aline+2").get("Body")).containsExactly("Caf\u00e9\nline 2");
  }

  @Test
  void parse_badEscapeOrInvalidBytes_makeTheWholeFormUnreadable() {
    for (String bad : List.of("a=1&b=%zz", "a=%4", "a=%", "a=%C3%28", "a=%ED%A0%80", "%FF=1")) {
      assertThat(FormData.parse(bad.getBytes(ISO_8859_1), UTF_8)).as(bad).isEmpty();
    }
  }

  @Test
  void parse_declaredCharset_isTheOneDecoded() {
    assertThat(FormData.parse("n=%E9".getBytes(ISO_8859_1), ISO_8859_1).orElseThrow().get("n"))
        .containsExactly("\u00e9");
    assertThat(FormData.parse("n=%E9".getBytes(ISO_8859_1), UTF_8)).isEmpty();
  }

  @Test
  void parse_atMostMaxParameters() {
    String atLimit = "p=1&".repeat(FormData.MAX_PARAMETERS);
    assertThat(FormData.parse(atLimit.getBytes(ISO_8859_1), UTF_8).orElseThrow().get("p"))
        .hasSize(FormData.MAX_PARAMETERS);
    assertThat(FormData.parse((atLimit + "p=1").getBytes(ISO_8859_1), UTF_8)).isEmpty();
  }

  @Test
  void parseQuery_readsTheRawQuery() {
    assertThat(FormData.parseQuery("tenant=acme&x=%2B1", UTF_8).orElseThrow())
        .containsEntry("tenant", List.of("acme"))
        .containsEntry("x", List.of("+1"));
  }
}
