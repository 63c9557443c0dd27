package dev.krako.cli;

/** TaskGraph 1.x documents for the end-to-end tests. */
final class Graphs {

  private Graphs() {}

  static String chain(String graphId, String requestId) {
    return graph(
        graphId,
        requestId,
        "{\"id\":\"a\",\"type\":\"deterministic\",\"input\":{\"message\":\"hi\"},\"run\":{\"handler\":\"echo\"}},"
            + "{\"id\":\"b\",\"type\":\"deterministic\",\"dependencies\":[\"a\"],\"input\":{\"text\":\"short\"},"
            + "\"run\":{\"handler\":\"classify_simple\"}}");
  }

  static String cycle(String graphId) {
    return graph(
        graphId,
        graphId,
        "{\"id\":\"a\",\"type\":\"deterministic\",\"dependencies\":[\"b\"],\"run\":{\"handler\":\"echo\"}},"
            + "{\"id\":\"b\",\"type\":\"deterministic\",\"dependencies\":[\"a\"],\"run\":{\"handler\":\"echo\"}}");
  }

  static String flaky(String graphId, long backoffMs) {
    return graph(
        graphId,
        graphId,
        "{\"id\":\"flaky\",\"type\":\"deterministic\",\"run\":{\"handler\":\"flaky_once\"},"
            + "\"retries\":{\"max_attempts\":2,\"backoff_ms\":"
            + backoffMs
            + "}}");
  }

  /**
   * {@code slow} (slow_echo, {@code delayMs}) → {@code tail} (echo), both non-idempotent, two
   * attempts each, with this run timeout: a unit that a fault can catch mid-execution.
   */
  static String slowThenTail(String graphId, long delayMs, long runTimeoutMs) {
    String policy =
        "\"idempotent\":false,\"retries\":{\"max_attempts\":2,\"backoff_ms\":0},"
            + "\"timeouts\":{\"run_timeout_ms\":"
            + runTimeoutMs
            + "}";
    return "{\"schema_version\":\"1.0\",\"graph_id\":\""
        + graphId
        + "\",\"request_id\":\"req-"
        + graphId
        + "\",\"tenant_id\":\"tenant-it\",\"created_at\":\"2026-11-27T00:00:00Z\","
        + "\"budgets\":{\"max_llm_calls\":0,\"max_cpu_units\":4,\"max_tokens\":0,"
        + "\"max_latency_ms\":120000},\"work_units\":["
        + "{\"id\":\"slow\",\"type\":\"deterministic\",\"input\":{\"message\":\"hi\"},"
        + "\"run\":{\"handler\":\"slow_echo\",\"args\":{\"delay_ms\":"
        + delayMs
        + "}},"
        + policy
        + "},{\"id\":\"tail\",\"type\":\"deterministic\",\"dependencies\":[\"slow\"],"
        + "\"run\":{\"handler\":\"echo\",\"args\":{\"message\":\"done\"}},"
        + policy
        + "}]}";
  }

  /** A 1.x graph with one model unit, which the LLM pool runs on the simulated pod. */
  static String model(String graphId) {
    return "{\"schema_version\":\"1.0\",\"graph_id\":\""
        + graphId
        + "\",\"request_id\":\"req-"
        + graphId
        + "\",\"tenant_id\":\"tenant-it\",\"created_at\":\"2026-11-27T00:00:00Z\","
        + "\"budgets\":{\"max_llm_calls\":2,\"max_cpu_units\":2,\"max_tokens\":1000,"
        + "\"max_latency_ms\":60000},\"work_units\":["
        + "{\"id\":\"m\",\"type\":\"llm\",\"run\":{\"tier\":\"small\",\"prompt\":\"Say hi\"}}]}";
  }

  private static String graph(String graphId, String requestId, String units) {
    return "{\"schema_version\":\"1.0\",\"graph_id\":\""
        + graphId
        + "\",\"request_id\":\""
        + requestId
        + "\",\"tenant_id\":\"tenant-it\",\"created_at\":\"2026-11-27T00:00:00Z\","
        + "\"budgets\":{\"max_llm_calls\":0,\"max_cpu_units\":10,\"max_tokens\":0,\"max_latency_ms\":60000},"
        + "\"work_units\":["
        + units
        + "]}";
  }
}
