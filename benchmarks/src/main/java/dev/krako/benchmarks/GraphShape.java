package dev.krako.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The TaskGraph 1.x documents the benchmarks feed the real code, as KORA would publish them. Every
 * unit is deterministic and runs one of KORA's default handlers, like the graphs of {@code krako
 * bench}, so what is measured is Krako's own work.
 */
public enum GraphShape {
  /** {@code samples/chain-echo.json}'s shape: echo, then classify_simple on its output. */
  TWO_UNITS,
  /** Five units in a row. */
  CHAIN5,
  /** One root and 19 leaves that all become ready together ({@code krako bench}'s fan-out). */
  FANOUT20,
  /**
   * The ingress cap ({@code IngressLimits.defaults()}): 50 layers of 20 units, each depending on
   * two units of the layer before, so both the width and the depth of the DAG are exercised.
   */
  UNITS1000;

  /** The id of the fan-out's root. */
  static final String FANOUT_ROOT = "root";

  /** A document whose graph id and request id are both {@code requestId}. */
  public byte[] document(String requestId, String tenantId) {
    List<String> units = units();
    String json =
        "{\"schema_version\":\"1.0\",\"graph_id\":\""
            + requestId
            + "\",\"request_id\":\""
            + requestId
            + "\",\"tenant_id\":\""
            + tenantId
            + "\",\"created_at\":\"2026-11-27T12:00:00Z\",\"budgets\":{\"max_llm_calls\":0,"
            + "\"max_cpu_units\":"
            + units.size()
            + ",\"max_tokens\":0,\"max_latency_ms\":600000},\"work_units\":["
            + String.join(",", units)
            + "]}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private List<String> units() {
    List<String> units = new ArrayList<>();
    switch (this) {
      case TWO_UNITS -> {
        units.add(unit("a", "echo", "{\"message\":\"hello from a\"}"));
        units.add(unit("b", "classify_simple", "{\"text\":\"short\"}", "a"));
      }
      case CHAIN5 -> {
        units.add(echo("c0"));
        for (int i = 1; i < 5; i++) {
          units.add(echo("c" + i, "c" + (i - 1)));
        }
      }
      case FANOUT20 -> {
        units.add(echo(FANOUT_ROOT));
        for (int i = 0; i < 19; i++) {
          units.add(echo(String.format("leaf%02d", i), FANOUT_ROOT));
        }
      }
      case UNITS1000 -> {
        for (int layer = 0; layer < 50; layer++) {
          for (int j = 0; j < 20; j++) {
            String id = layered(layer, j);
            units.add(
                layer == 0
                    ? echo(id)
                    : echo(id, layered(layer - 1, j), layered(layer - 1, (j + 1) % 20)));
          }
        }
      }
    }
    return units;
  }

  private static String layered(int layer, int j) {
    return String.format("l%02du%02d", layer, j);
  }

  private static String echo(String id, String... dependencies) {
    return unit(id, "echo", "{\"message\":\"" + id + "\"}", dependencies);
  }

  private static String unit(String id, String handler, String input, String... dependencies) {
    List<String> quoted = new ArrayList<>();
    for (String d : dependencies) {
      quoted.add("\"" + d + "\"");
    }
    return "{\"id\":\""
        + id
        + "\",\"type\":\"deterministic\",\"dependencies\":["
        + String.join(",", quoted)
        + "],\"input\":"
        + input
        + ",\"run\":{\"handler\":\""
        + handler
        + "\",\"args\":{}}}";
  }
}
