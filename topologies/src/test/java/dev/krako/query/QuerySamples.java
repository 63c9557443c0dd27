package dev.krako.query;

import dev.krako.avro.LedgerEntry;
import dev.krako.avro.LineItem;
import dev.krako.avro.LineItemTotal;
import dev.krako.avro.Meter;
import dev.krako.avro.MeteredQuantity;
import dev.krako.avro.NodeHealth;
import dev.krako.avro.NodeTrust;
import dev.krako.avro.SessionState;
import dev.krako.avro.Substrate;
import dev.krako.avro.Wallet;
import dev.krako.graph.Budgets;
import dev.krako.graph.Criticality;
import dev.krako.graph.FailurePolicy;
import dev.krako.graph.Privacy;
import dev.krako.graph.SourceFormat;
import dev.krako.graph.TaskGraph;
import dev.krako.graph.UnitType;
import dev.krako.graph.VerificationMode;
import dev.krako.graph.WorkUnit;
import dev.krako.session.Session;
import dev.krako.session.SessionStatus;
import dev.krako.session.UnitRun;
import dev.krako.session.UnitStatus;
import dev.krako.session.Usage;
import dev.krako.topology.billing.LedgerKeys;
import dev.krako.topology.codec.SessionCodec;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.HostInfo;

/** Keys, sessions and wallets of two tenants, and the hosts of two instances. */
final class QuerySamples {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final String ACME = "tenant-acme";
  static final String BETA = "tenant-beta";
  static final String ACME_KEY = "acme-key-0123456789-0123456789-0123456789";
  static final String BETA_KEY = "beta-key-0123456789-0123456789-0123456789";
  static final String ACME_BEARER = "Bearer " + ACME_KEY;
  static final String BETA_BEARER = "Bearer " + BETA_KEY;
  static final String OPS_KEY = "ops-key-0123456789-0123456789-0123456789";
  static final String OPS_BEARER = "Bearer " + OPS_KEY;
  static final ApiKeys KEYS =
      ApiKeys.builder()
          .key(ACME_KEY, ACME)
          .key(BETA_KEY, BETA)
          .operatorKey(OPS_KEY, "ops-oncall")
          .build();
  static final HostInfo HOST_A = new HostInfo("10.0.0.1", 8080);
  static final HostInfo HOST_B = new HostInfo("10.0.0.2", 8080);

  private QuerySamples() {}

  /** A session of one completed CPU unit that used 40 ms of CPU. */
  static SessionState session(String sessionId, String tenant, String graphId) {
    WorkUnit unit =
        new WorkUnit(
            "a",
            UnitType.DETERMINISTIC,
            List.of(),
            "{}",
            "{\"handler\":\"echo\"}",
            Privacy.ALLOW_REMOTE,
            false,
            null,
            1,
            0,
            null,
            false,
            null,
            null,
            Criticality.NORMAL,
            VerificationMode.NONE,
            null,
            null);
    TaskGraph graph =
        new TaskGraph(
            "1.0",
            graphId,
            "req-" + sessionId,
            tenant,
            T0,
            new Budgets(10, 10, 10_000, 60_000, BigDecimal.ONE),
            FailurePolicy.FAIL_FAST,
            List.of(unit),
            List.of("a"),
            SourceFormat.TASKGRAPH_1X);
    UnitRun done =
        new UnitRun(
            UnitStatus.COMPLETED,
            0,
            1,
            "{}",
            null,
            T0,
            T0.plusMillis(50),
            40,
            new Usage(40, 0, 0, 0),
            "node-1",
            0,
            null);
    return SessionCodec.toAvro(
        new Session(
            sessionId,
            graph,
            SessionStatus.COMPLETED,
            null,
            T0,
            T0.plusMillis(60),
            Map.of("a", done)));
  }

  /** A CPU entry of {@code tenant}'s session at {@code T0 + atMs}, keyed as billing keys it. */
  static KeyValue<String, LedgerEntry> entry(
      String tenant, String sessionId, long atMs, String entryId) {
    Instant at = T0.plusMillis(atMs);
    LedgerEntry e =
        LedgerEntry.newBuilder()
            .setEntryId(entryId)
            .setTenantId(tenant)
            .setGraphId("g-1")
            .setSessionId(sessionId)
            .setWorkUnitId("a")
            .setAttemptIndex(0)
            .setLineItem(LineItem.workunit_cpu)
            .setQuantities(
                List.of(
                    new MeteredQuantity(Meter.cpu_ms, 1_000L, "0.000048000", 1000L, "0.000048")))
            .setAmount("0.000048")
            .setCurrency("USD")
            .setPriceBookVersion("v1")
            .setSourceEventId("ev-" + entryId)
            .setSourceEventType("workunit.completed")
            .setEventTime(at)
            .setSubstrate(Substrate.cpu)
            .build();
    return KeyValue.pair(LedgerKeys.of(tenant, at.toEpochMilli(), entryId), e);
  }

  static NodeTrust node(String nodeId, String score) {
    return NodeTrust.newBuilder()
        .setNodeId(nodeId)
        .setSubstrate(Substrate.cpu)
        .setClaimed(4)
        .setCompleted(3)
        .setFailed(1)
        .setVerificationFailures(0)
        .setGraphFaults(0)
        .setTimeouts(0)
        .setHealth(NodeHealth.up)
        .setHealthTime(T0)
        .setScore(score)
        .setScoreVersion("v1")
        .setLastEventTime(T0.plusMillis(5))
        .build();
  }

  static Wallet wallet(String tenant, String sessionId, String total) {
    return Wallet.newBuilder()
        .setTenantId(tenant)
        .setSessionId(sessionId)
        .setCurrency("USD")
        .setTotal(total)
        .setEntryCount(1)
        .setLineItems(List.of(new LineItemTotal(LineItem.workunit_cpu, total, 1L)))
        .setLastEventTime(T0)
        .build();
  }
}
