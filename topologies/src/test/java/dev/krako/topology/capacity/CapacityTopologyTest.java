package dev.krako.topology.capacity;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.AdmissionCommand;
import dev.krako.avro.AdmissionModeChanged;
import dev.krako.avro.AdmissionStatus;
import dev.krako.avro.CapacityScaleRequested;
import dev.krako.avro.DeadLetter;
import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.avro.NodeHealthUpdated;
import dev.krako.avro.SessionEnded;
import dev.krako.avro.SessionStatus;
import dev.krako.avro.StopReason;
import dev.krako.avro.Substrate;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitScheduled;
import dev.krako.avro.WorkUnitType;
import dev.krako.capacity.Pool;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import dev.krako.topology.TopologyTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapacityTopologyTest {

  private static final Duration TICK = Duration.ofSeconds(5);
  private static final String APPLICATION_ID = "krako-capacity-test";

  @TempDir Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, Event> events;
  private TestInputTopic<String, AdmissionCommand> commands;
  private TestOutputTopic<String, Event> emitted;
  private TestOutputTopic<String, AdmissionStatus> mode;
  private TestInputTopic<String, PoolSummary> summaries;
  private Instant wall = T0;

  @BeforeEach
  void start() {
    start(TopologyTestSupport.properties(APPLICATION_ID, stateDir));
  }

  /**
   * The test driver's mock producer drops what a deserialization handler sends inside a transaction
   * (see TrustTopologyTest); the dead-letter tests run at_least_once, since what they check, the
   * handler's routing, does not depend on the guarantee.
   */
  private void restartAtLeastOnce() {
    driver.close();
    Properties properties = TopologyTestSupport.properties(APPLICATION_ID, stateDir.resolve("alo"));
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    start(properties);
  }

  private void start(Properties properties) {
    driver =
        new TopologyTestDriver(
            CapacityTopology.build(CapacityConfig.defaults(TOPICS, "capacity-test")),
            properties,
            T0);
    events =
        driver.createInputTopic(
            TOPICS.events().name(),
            TOPICS.events().keySerde().serializer(),
            TOPICS.events().valueSerde().serializer());
    commands =
        driver.createInputTopic(
            TOPICS.admissionCommands().name(),
            TOPICS.admissionCommands().keySerde().serializer(),
            TOPICS.admissionCommands().valueSerde().serializer());
    emitted =
        driver.createOutputTopic(
            TOPICS.events().name(),
            TOPICS.events().keySerde().deserializer(),
            TOPICS.events().valueSerde().deserializer());
    mode =
        driver.createOutputTopic(
            TOPICS.admissionMode().name(),
            TOPICS.admissionMode().keySerde().deserializer(),
            TOPICS.admissionMode().valueSerde().deserializer());
    // The driver runs one task, partition 0 of every topic: other partitions' summaries are piped
    // straight into the repartition topic, as their tasks would send them.
    summaries =
        driver.createInputTopic(
            APPLICATION_ID + "-" + CapacityNames.BY_CLUSTER + "-repartition",
            Serdes.String().serializer(),
            PoolSummary.SERDE.serializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void aBacklogOnOnePoolAsksForThatPoolToGrowOnceUntilTheRepeatInterval() {
    health("cpu-node-1", Substrate.cpu, "up");
    schedule(120, Substrate.cpu, T0);

    summarizeAndJudge();
    List<TestRecord<String, Event>> first = emitted.readRecordsToList();
    assertThat(first).hasSize(1);
    Event request = first.get(0).value();
    assertThat(first.get(0).key()).isEqualTo("cpu");
    assertThat(request.getEventType()).isEqualTo(EventTypes.CAPACITY_SCALE_REQUESTED);
    assertThat(request.getEventId())
        .isEqualTo(EventIds.sequenceEventId("pool/cpu", 0, EventTypes.CAPACITY_SCALE_REQUESTED));
    assertThat(request.getSessionId()).isNull();
    CapacityScaleRequested payload = (CapacityScaleRequested) request.getPayload();
    assertThat(payload.getSubstrate()).isEqualTo(Substrate.cpu);
    assertThat(payload.getCurrentSize()).isEqualTo(1);
    assertThat(payload.getWaitingUnits()).isEqualTo(120);
    // Judged at T0 + 10 s from the summary made at T0 + 5 s, which reached the judge after the
    // judgement at T0 + 5 s: the backlog as it was at T0 + 5 s.
    assertThat(payload.getOldestWaitingMs()).isEqualTo(5_000);
    assertThat(payload.getSuggestedSize()).isEqualTo(4);

    // The same backlog for four more minutes: no identical request, and the healthy node's
    // reports keep it counted.
    for (int i = 0; i < 48; i++) {
      health("cpu-node-1", Substrate.cpu, "up");
      tick(TICK);
    }
    assertThat(scaleRequests()).isEmpty();
  }

  @Test
  void claimsLeaveTheBacklogAndTheirLatencyIsMeasured() {
    health("cpu-node-1", Substrate.cpu, "up");
    schedule(60, Substrate.cpu, T0);
    for (int i = 0; i < 10; i++) {
      claim("u" + i, Substrate.cpu, T0.plusMillis(200));
    }
    claim("u0", Substrate.cpu, T0.plusMillis(900)); // a redelivered claim counts once
    summarizeAndJudge();

    CapacityScaleRequested payload = (CapacityScaleRequested) scaleRequests().get(0).getPayload();
    assertThat(payload.getWaitingUnits()).isEqualTo(50);
    assertThat(payload.getClaimLatencyMs()).isEqualTo(200);
    assertThat(payload.getWindowMs()).isEqualTo(60_000);
  }

  @Test
  void aFloodThrottlesOnceAndTheModeRelaxesAfterTheBacklogDrainsAndTheDwell() {
    schedule(500, Substrate.llm_pod, T0);
    summarizeAndJudge();

    List<Event> changes = modeChanges();
    assertThat(changes).hasSize(1);
    AdmissionModeChanged changed = (AdmissionModeChanged) changes.get(0).getPayload();
    assertThat(changed.getPreviousMode()).isEqualTo("normal");
    assertThat(changed.getMode()).isEqualTo("throttled");
    assertThat(changed.getCause()).isEqualTo("backlog");
    assertThat(changes.get(0).getEventId())
        .isEqualTo(EventIds.sequenceEventId("admission", 1, EventTypes.ADMISSION_MODE_CHANGED));
    AdmissionStatus status = mode.readValue();
    assertThat(status.getMode()).isEqualTo("throttled");
    assertThat(status.getOperatorHeld()).isFalse();

    tick(TICK);
    assertThat(modeChanges()).as("no second event for the same mode").isEmpty();

    endSession();
    tick(Duration.ofSeconds(40));
    assertThat(modeChanges()).as("the dwell holds the mode").isEmpty();
    tick(Duration.ofSeconds(20));
    List<Event> relaxed = modeChanges();
    assertThat(relaxed).hasSize(1);
    assertThat(((AdmissionModeChanged) relaxed.get(0).getPayload()).getMode()).isEqualTo("normal");
    assertThat(mode.readValuesToList()).extracting(AdmissionStatus::getMode).endsWith("normal");
  }

  @Test
  void anOperatorHoldsAModeAgainstTheBacklogUntilHeHandsItBack() {
    command("rejecting", "maintenance", T0.plusSeconds(1));

    List<Event> held = modeChanges();
    assertThat(held).hasSize(1);
    AdmissionModeChanged changed = (AdmissionModeChanged) held.get(0).getPayload();
    assertThat(changed.getMode()).isEqualTo("rejecting");
    assertThat(changed.getCause()).isEqualTo("operator");
    assertThat(changed.getReason()).isEqualTo("operator alice: maintenance");
    assertThat(mode.readValue().getOperatorHeld()).isTrue();

    tick(Duration.ofMinutes(5));
    assertThat(modeChanges()).as("an empty backlog does not override the operator").isEmpty();

    command(null, "done", T0.plusSeconds(400));
    assertThat(modeChanges()).as("auto alone changes no mode").isEmpty();
    assertThat(mode.readValuesToList())
        .extracting(AdmissionStatus::getOperatorHeld)
        .containsExactly(false);
    tick(TICK);
    List<Event> relaxed = modeChanges();
    assertThat(relaxed).hasSize(1);
    assertThat(((AdmissionModeChanged) relaxed.get(0).getPayload()).getCause())
        .isEqualTo("backlog");
    assertThat(((AdmissionModeChanged) relaxed.get(0).getPayload()).getMode())
        .isEqualTo("throttled");
  }

  @Test
  void theJudgeAddsThePartitionsSummaries() {
    health("cpu-node-1", Substrate.cpu, "up");
    schedule(30, Substrate.cpu, T0);
    for (int i = 0; i < 10; i++) {
      claim("u" + i, Substrate.cpu, T0.plusMillis(200));
    }
    // Partition 1 at T0: 40 waiting, the oldest for 8 s, two nodes, 10 claims of 600 ms each.
    summary(1, Pool.CPU, T0, 2, 40, T0.minusSeconds(8), 10, 6_000);

    summarizeAndJudge();

    CapacityScaleRequested payload = (CapacityScaleRequested) scaleRequests().get(0).getPayload();
    assertThat(payload.getWaitingUnits()).isEqualTo(20 + 40);
    assertThat(payload.getCurrentSize()).isEqualTo(1 + 2);
    assertThat(payload.getOldestWaitingMs())
        .as("the longest wait of the partitions, each as of its summary (partition 0's: 5 s)")
        .isEqualTo(8_000);
    assertThat(payload.getClaimLatencyMs()).as("(10 × 200 + 10 × 600) / 20").isEqualTo(400);
  }

  @Test
  void aPartitionsNextSummaryReplacesItsLastOneInsteadOfAddingToIt() {
    // 300 + 300 would throttle admission (500 waiting); the partition's last word is 300.
    summary(1, Pool.LLM_POD, T0, 0, 300, T0, 0, 0);
    summary(1, Pool.LLM_POD, T0, 0, 300, T0, 0, 0);
    tick(TICK);
    assertThat(modeChanges()).isEmpty();

    // Partitions 1 and 2 together do (550).
    summary(2, Pool.LLM_POD, T0.plus(TICK), 0, 250, T0, 0, 0);
    tick(TICK);
    assertThat(modeChanges())
        .extracting(e -> ((AdmissionModeChanged) e.getPayload()).getMode())
        .containsExactly("throttled");
    assertThat(summaryKeys()).containsExactly("llm_pod\u001f0", "llm_pod\u001f1", "llm_pod\u001f2");
  }

  @Test
  void aPartitionThatStopsReportingIsForgottenOnceItsLastSummaryIsAMinuteOld() {
    summary(1, Pool.LLM_POD, T0, 0, 600, T0, 0, 0);
    tick(Duration.ofSeconds(61));

    assertThat(modeChanges()).as("600 waiting, said 61 s ago: no longer counted").isEmpty();
    assertThat(summaryKeys()).doesNotContain("llm_pod\u001f1");

    summary(1, Pool.LLM_POD, wall, 0, 600, T0, 0, 0);
    tick(TICK);
    assertThat(modeChanges())
        .extracting(e -> ((AdmissionModeChanged) e.getPayload()).getMode())
        .containsExactly("throttled");
  }

  @Test
  void garbageOnTheEventLogIsDeadLetteredAndTheBacklogStillCounted() {
    restartAtLeastOnce();
    driver
        .createInputTopic(
            TOPICS.events().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
        .pipeInput("s-1", "not an avro record".getBytes(StandardCharsets.UTF_8), T0);
    schedule(500, Substrate.llm_pod, T0);
    summarizeAndJudge();

    List<DeadLetter> letters =
        TopologyTestSupport.output(driver, TOPICS.deadLetter()).readValuesToList();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).getSourceTopic()).isEqualTo(TOPICS.events().name());
    assertThat(modeChanges()).hasSize(1);
  }

  @Test
  void aSummaryOfAnUnknownFormatIsDeadLetteredAndTheJudgeGoesOn() {
    restartAtLeastOnce();
    driver
        .createInputTopic(
            APPLICATION_ID + "-" + CapacityNames.BY_CLUSTER + "-repartition",
            Serdes.String().serializer(),
            Serdes.ByteArray().serializer())
        .pipeInput("cpu\u001f1", new byte[] {2, 0, 0, 0, 1}, T0);
    schedule(500, Substrate.llm_pod, T0);
    summarizeAndJudge();

    List<DeadLetter> letters =
        TopologyTestSupport.output(driver, TOPICS.deadLetter()).readValuesToList();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).getSourceTopic()).endsWith(CapacityNames.BY_CLUSTER + "-repartition");
    assertThat(modeChanges()).hasSize(1);
  }

  private void summary(
      int partition,
      Pool pool,
      Instant at,
      int nodes,
      int waiting,
      Instant oldest,
      long claims,
      long latencyTotalMs) {
    summaries.pipeInput(
        PartitionSummaries.key(pool, partition),
        new PoolSummary(
            partition,
            pool,
            at.toEpochMilli(),
            nodes,
            waiting,
            oldest.toEpochMilli(),
            claims,
            latencyTotalMs,
            0),
        at);
  }

  private List<String> summaryKeys() {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, PoolSummary> it =
        driver.<String, PoolSummary>getKeyValueStore(CapacityNames.SUMMARIES_STORE).all()) {
      it.forEachRemaining(entry -> keys.add(entry.key));
    }
    return keys.stream().filter(k -> k.startsWith("llm_pod")).toList();
  }

  /**
   * Two evaluation intervals: the partition's summary made at the first reaches the judge after the
   * judgement of that same interval, and is judged at the second (ADR 028).
   */
  private void summarizeAndJudge() {
    tick(TICK);
    assertThat(emitted.isEmpty()).as("nothing judged from the summary of the same tick").isTrue();
    tick(TICK);
  }

  private void tick(Duration d) {
    wall = wall.plus(d);
    driver.advanceWallClockTime(d);
  }

  private List<Event> scaleRequests() {
    return emitted.readValuesToList().stream()
        .filter(e -> e.getEventType().equals(EventTypes.CAPACITY_SCALE_REQUESTED))
        .toList();
  }

  private List<Event> modeChanges() {
    return emitted.readValuesToList().stream()
        .filter(e -> e.getEventType().equals(EventTypes.ADMISSION_MODE_CHANGED))
        .toList();
  }

  private void command(String mode, String reason, Instant at) {
    commands.pipeInput("admission", new AdmissionCommand(mode, reason, "alice", at), at);
  }

  private void schedule(int units, Substrate pool, Instant at) {
    for (int i = 0; i < units; i++) {
      events.pipeInput(
          "s-1",
          base(EventTypes.UNIT_SCHEDULED, "u" + i, at)
              .setPayload(new WorkUnitScheduled(WorkUnitType.deterministic, pool, "topic"))
              .build(),
          at);
      // The same event again (a redelivery) changes nothing.
      if (i == 0) {
        events.pipeInput(
            "s-1",
            base(EventTypes.UNIT_SCHEDULED, "u0", at)
                .setPayload(new WorkUnitScheduled(WorkUnitType.deterministic, pool, "topic"))
                .build(),
            at);
      }
    }
  }

  private void claim(String unit, Substrate pool, Instant at) {
    events.pipeInput(
        "s-1",
        base(EventTypes.UNIT_CLAIMED, unit, at)
            .setPayload(new WorkUnitClaimed("cpu-node-1", pool))
            .build(),
        at);
  }

  private void endSession() {
    events.pipeInput(
        "s-1",
        base(EventTypes.SESSION_FAILED, null, T0)
            .setPayload(new SessionEnded(SessionStatus.failed, StopReason.budget_exhausted, 1L))
            .build(),
        T0);
  }

  private void health(String node, Substrate pool, String status) {
    Instant at = wall;
    events.pipeInput(
        node,
        base(EventTypes.NODE_HEALTH_UPDATED, null, at)
            .setSessionId(null)
            .setPayload(new NodeHealthUpdated(node, pool, status, null))
            .build(),
        at);
  }

  private static Event.Builder base(String type, String unit, Instant at) {
    return Event.newBuilder()
        .setEventId(type + "/" + unit)
        .setEventType(type)
        .setTimestamp(at)
        .setTenantId("tenant-a")
        .setGraphId("g-1")
        .setSessionId("s-1")
        .setWorkUnitId(unit)
        .setAttemptIndex(0)
        .setSource(new EventSource("test", "test"));
  }
}
