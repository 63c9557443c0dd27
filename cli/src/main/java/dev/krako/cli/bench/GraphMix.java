package dev.krako.cli.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The bench's session mix, as a fixed cycle of 20 slots (no randomness: two runs submit the same
 * sequence): 2 single units, 7 five-unit chains, 5 diamonds, 2 diamonds with an llm unit and 4
 * twenty-unit fan-outs, 7.25 units per session on average.
 */
final class GraphMix {

  private static final SessionShape S = SessionShape.SINGLE;
  private static final SessionShape C = SessionShape.CHAIN5;
  private static final SessionShape D = SessionShape.DIAMOND;
  private static final SessionShape L = SessionShape.DIAMOND_LLM;
  private static final SessionShape F = SessionShape.FANOUT20;

  /** Interleaved so that any stretch of the cycle has roughly the mix of the whole. */
  static final List<SessionShape> CYCLE =
      List.of(C, D, F, C, S, D, C, L, F, C, D, C, F, S, D, C, L, D, C, F);

  private final Map<SessionShape, String> unitsJson = new EnumMap<>(SessionShape.class);
  private final int tenants;

  /**
   * @param tenants how many tenants the sessions are spread over (the ledger is keyed by tenant)
   */
  GraphMix(int tenants) {
    if (tenants < 1) {
      throw new IllegalArgumentException("At least one tenant: " + tenants);
    }
    this.tenants = tenants;
    for (SessionShape shape : SessionShape.values()) {
      unitsJson.put(shape, shape.unitsJson());
    }
  }

  /** The shape of the {@code sequence}-th session of a run. */
  SessionShape shapeOf(long sequence) {
    return CYCLE.get((int) Math.floorMod(sequence, (long) CYCLE.size()));
  }

  /** The tenant of the {@code sequence}-th session of a run. */
  String tenantOf(long sequence) {
    return "bench-tenant-" + Math.floorMod(sequence, (long) tenants);
  }

  /** Units per session, averaged over the cycle. */
  static double meanUnitsPerSession() {
    return CYCLE.stream().mapToInt(SessionShape::units).average().orElseThrow();
  }

  /** A TaskGraph 1.x document whose graph id and request id are both {@code requestId}. */
  byte[] document(SessionShape shape, String requestId, String tenantId, Instant createdAt) {
    int cpu = shape.units() - shape.llmUnits();
    String json =
        "{\"schema_version\":\"1.0\",\"graph_id\":\""
            + requestId
            + "\",\"request_id\":\""
            + requestId
            + "\",\"tenant_id\":\""
            + tenantId
            + "\",\"created_at\":\""
            + createdAt
            + "\",\"budgets\":{\"max_llm_calls\":"
            + 2 * shape.llmUnits()
            + ",\"max_cpu_units\":"
            + cpu
            + ",\"max_tokens\":"
            + 2_000 * shape.llmUnits()
            + ",\"max_latency_ms\":600000},\"work_units\":["
            + unitsJson.get(shape)
            + "]}";
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
