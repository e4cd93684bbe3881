package dev.hookverify.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RequestPathReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void filter_isTheDifferenceOfTheTwoBenchmarks_setAgainstTheBareWindowsCpuPerRequest()
      throws Exception {
    JsonNode jmh =
        JSON.readTree(
            "[{\"benchmark\":\"dev.hookverify.benchmarks.FilterBenchmark.endpoint\","
                + "\"primaryMetric\":{\"score\":400.0},"
                + "\"secondaryMetrics\":{\"gc.alloc.rate.norm\":{\"score\":9304.0}}},"
                + "{\"benchmark\":\"dev.hookverify.benchmarks.FilterBenchmark.filtered\","
                + "\"primaryMetric\":{\"score\":1600.0},"
                + "\"secondaryMetrics\":{\"gc.alloc.rate.norm\":{\"score\":3104.0}}}]");
    // Bare: 80 ms over 2,000 requests = 40 µs each; the verification rows do not count.
    JsonNode run =
        JSON.readTree(
            "{\"paired\":["
                + "{\"scenario\":\"BARE\",\"serverCpuSeconds\":0.05,\"serverRequests\":1000},"
                + "{\"scenario\":\"VERIFY\",\"serverCpuSeconds\":9,\"serverRequests\":1},"
                + "{\"scenario\":\"BARE\",\"serverCpuSeconds\":0.03,\"serverRequests\":1000}]}");

    String section = RequestPathReport.filter(jmh, run);

    assertThat(section)
        .contains("| the endpoint alone | 400 | 9304 |")
        .contains("| 1600 | 3104 |")
        .contains("| the filter's own work | 1200 | -6200 |")
        .contains("is 3.0 % of the bare endpoint's 40.0 µs");
  }
}
