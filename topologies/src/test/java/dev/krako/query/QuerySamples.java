package dev.krako.query;

import dev.krako.avro.LineItem;
import dev.krako.avro.LineItemTotal;
import dev.krako.avro.SessionState;
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
import dev.krako.topology.codec.SessionCodec;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
  static final ApiKeys KEYS = ApiKeys.of(Map.of(ACME_KEY, ACME, BETA_KEY, BETA));
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
