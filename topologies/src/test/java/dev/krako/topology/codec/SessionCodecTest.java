package dev.krako.topology.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.SessionState;
import dev.krako.avro.UnitExecution;
import dev.krako.avro.WorkUnitSpec;
import dev.krako.graph.Activation;
import dev.krako.graph.Budgets;
import dev.krako.graph.Criticality;
import dev.krako.graph.FailurePolicy;
import dev.krako.graph.Privacy;
import dev.krako.graph.SkipCondition;
import dev.krako.graph.SourceFormat;
import dev.krako.graph.TaskGraph;
import dev.krako.graph.UnitType;
import dev.krako.graph.VerificationMode;
import dev.krako.graph.WorkUnit;
import dev.krako.session.ReplicaRun;
import dev.krako.session.Session;
import dev.krako.session.SessionStatus;
import dev.krako.session.SkipReason;
import dev.krako.session.StopReason;
import dev.krako.session.UnitRun;
import dev.krako.session.UnitStatus;
import dev.krako.session.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every enum constant the codecs map, both ways. The Avro symbol of each is still its lower-case
 * name, which is what the codecs wrote before they mapped by switch: stored sessions read the same.
 */
class SessionCodecTest {

  private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
  private static final int UNITS = 8; // at least as many as the largest enum mapped per unit

  @Test
  void everySessionStatusAndStopReasonRoundTripsUnderItsLowerCaseName() {
    TaskGraph graph = graph(FailurePolicy.FAIL_FAST);
    for (SessionStatus status : SessionStatus.values()) {
      for (StopReason reason : StopReason.values()) {
        Session session =
            new Session("s", graph, status, reason, T0, T0.plusSeconds(1), units(graph), 3);

        SessionState avro = SessionCodec.toAvro(session);

        assertThat(avro.getStatus().name()).isEqualTo(lower(status));
        assertThat(avro.getStopReason().name()).isEqualTo(lower(reason));
        assertThat(SessionCodec.toDomain(avro)).isEqualTo(session);
      }
    }
  }

  @Test
  void everyUnitAndReplicaStatusRoundTripsUnderItsLowerCaseName() {
    TaskGraph graph = graph(FailurePolicy.CONTINUE_ON_ERROR);
    Session session =
        new Session("s", graph, SessionStatus.RUNNING, null, T0, null, units(graph), 5);

    SessionState avro = SessionCodec.toAvro(session);

    for (int i = 0; i < UNITS; i++) {
      UnitExecution unit = avro.getUnits().get("u" + i);
      assertThat(unit.getStatus().name()).isEqualTo(lower(UnitStatus.values()[i]));
      assertThat(unit.getReplicas().get(0).getStatus())
          .isEqualTo(lower(ReplicaRun.Status.values()[i % ReplicaRun.Status.values().length]));
    }
    assertThat(SessionCodec.toDomain(avro)).isEqualTo(session);
  }

  @Test
  void everyGraphEnumRoundTripsUnderItsLowerCaseName() {
    for (FailurePolicy policy : FailurePolicy.values()) {
      TaskGraph graph = graph(policy);

      dev.krako.avro.TaskGraph avro = GraphCodec.toAvro(graph);

      assertThat(avro.getFailurePolicy().name()).isEqualTo(lower(policy));
      for (int i = 0; i < UNITS; i++) {
        WorkUnit unit = graph.workUnits().get(i);
        WorkUnitSpec spec = avro.getWorkUnits().get(i);
        assertThat(spec.getType().name()).isEqualTo(unit.type().wireName());
        assertThat(spec.getPrivacy().name()).isEqualTo(lower(unit.privacy()));
        assertThat(spec.getCriticality().name()).isEqualTo(lower(unit.criticality()));
        assertThat(spec.getVerificationMode().name()).isEqualTo(lower(unit.verificationMode()));
        assertThat(spec.getActivation().getWhen().name())
            .isEqualTo(unit.activation().when().wireName());
      }
      assertThat(GraphCodec.toDomain(avro)).isEqualTo(graph);
    }
  }

  /** {@link #UNITS} units, the i-th taking the i-th constant (cyclically) of every enum. */
  private static TaskGraph graph(FailurePolicy policy) {
    List<WorkUnit> units = new ArrayList<>();
    for (int i = 0; i < UNITS; i++) {
      units.add(
          new WorkUnit(
              "u" + i,
              pick(UnitType.values(), i),
              i == 0 ? List.of() : List.of("u" + (i - 1)),
              "{}",
              "{}",
              pick(Privacy.values(), i),
              i % 2 == 0,
              i % 2 == 0 ? null : 100L * i,
              1 + i,
              10L * i,
              i % 2 == 0 ? null : 1_000L,
              i % 2 == 1,
              null,
              i % 2 == 0 ? 2_000L : null,
              pick(Criticality.values(), i),
              pick(VerificationMode.values(), i),
              new Activation(pick(Activation.Condition.values(), i), "u0", 0.5),
              new SkipCondition("$.x", "true")));
    }
    return new TaskGraph(
        "1.0",
        "g",
        "r",
        "t",
        T0,
        new Budgets(10, 20, 30, 60_000, new BigDecimal("1.25")),
        policy,
        units,
        List.of("u" + (UNITS - 1)),
        SourceFormat.KORA_IR_0_1);
  }

  private static Map<String, UnitRun> units(TaskGraph graph) {
    Map<String, UnitRun> runs = new LinkedHashMap<>();
    for (int i = 0; i < UNITS; i++) {
      runs.put(
          graph.workUnits().get(i).id(),
          new UnitRun(
              UnitStatus.values()[i],
              i,
              i + 1,
              "{\"i\":" + i + "}",
              i % 2 == 0 ? null : "boom",
              T0.plusMillis(i),
              i % 2 == 0 ? null : T0.plusMillis(10 + i),
              5L * i,
              new Usage(i, 2L * i, 3L * i, i % 3),
              "node-" + i,
              7L * i,
              pick(SkipReason.values(), i),
              List.of(
                  new ReplicaRun(
                      0,
                      pick(ReplicaRun.Status.values(), i),
                      "node-" + i,
                      "{}",
                      null,
                      i,
                      new Usage(1, 2, 3, 0))),
              i % 2 == 0 ? null : T0.plusMillis(20 + i),
              i % 3 == 0 ? null : T0.plusMillis(30 + i)));
    }
    return runs;
  }

  private static <T> T pick(T[] values, int i) {
    return values[i % values.length];
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
