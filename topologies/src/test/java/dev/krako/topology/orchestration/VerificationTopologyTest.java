package dev.krako.topology.orchestration;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.krako.avro.Event;
import dev.krako.avro.ReplicaVote;
import dev.krako.avro.SessionAdmitted;
import dev.krako.avro.SessionResult;
import dev.krako.avro.StopReason;
import dev.krako.avro.Substrate;
import dev.krako.avro.Usage;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import dev.krako.graph.GraphParser;
import dev.krako.graph.IngressLimits;
import dev.krako.graph.ParseOutcome;
import dev.krako.topology.TopologyTestSupport;
import dev.krako.topology.codec.GraphCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quorum and recompute through the orchestration topology: replicas in, one verdict out. */
class VerificationTopologyTest {

  private static final String SESSION = "session-v";

  @TempDir Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, SessionAdmitted> admitted;
  private TestInputTopic<String, Event> eventsIn;
  private TestOutputTopic<String, Event> events;
  private TestOutputTopic<String, WorkUnitDispatch> cpu;
  private TestOutputTopic<String, SessionResult> results;

  @BeforeEach
  void start() {
    driver =
        new TopologyTestDriver(
            OrchestrationTopology.build(OrchestrationConfig.defaults(TOPICS, "orchestrator-test")),
            TopologyTestSupport.properties("krako-verification-test", stateDir),
            T0);
    admitted = TopologyTestSupport.input(driver, TOPICS.admitted());
    eventsIn = TopologyTestSupport.input(driver, TOPICS.reports());
    events = TopologyTestSupport.output(driver, TOPICS.events());
    cpu = TopologyTestSupport.output(driver, TOPICS.dispatch(Substrate.cpu));
    results = TopologyTestSupport.output(driver, TOPICS.results());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void aQuorumRunsThreeReplicasOnDistinctNodesAndEmitsOneVerdict() {
    admit("quorum", 1);
    WorkUnitDispatch first = cpu.readValue();
    assertThat(first.getReplicaIndex()).isZero();
    assertThat(first.getReplicaCount()).isEqualTo(3);
    assertThat(first.getExcludeNodes()).isEmpty();

    claim(0, "node-1");
    WorkUnitDispatch second = cpu.readValue();
    assertThat(second.getAttemptIndex()).isZero();
    assertThat(second.getReplicaIndex()).isEqualTo(1);
    assertThat(second.getExcludeNodes()).containsExactly("node-1");
    claim(1, "node-2");
    assertThat(cpu.readValue().getExcludeNodes()).containsExactly("node-1", "node-2");
    claim(2, "node-3");
    assertThat(cpu.isEmpty()).isTrue();

    List<Event> scheduled = events.readValuesToList();
    assertThat(scheduled)
        .filteredOn(e -> e.getEventType().equals(EventTypes.UNIT_SCHEDULED))
        .extracting(Event::getReplicaIndex, Event::getEventId)
        .containsExactly(
            tuple(0, EventIds.replicaEventId(SESSION, "a", 0, 0, EventTypes.UNIT_SCHEDULED)),
            tuple(1, EventIds.replicaEventId(SESSION, "a", 0, 1, EventTypes.UNIT_SCHEDULED)),
            tuple(2, EventIds.replicaEventId(SESSION, "a", 0, 2, EventTypes.UNIT_SCHEDULED)));

    complete(0, "node-1", "{\"answer\":\"odd\"}");
    complete(1, "node-2", "{\"answer\":42}");
    assertThat(events.isEmpty()).as("no verdict before every replica ended").isTrue();
    complete(2, "node-3", "{\"answer\":42}");

    List<Event> out = events.readValuesToList();
    List<Event> outcomes =
        out.stream()
            .filter(
                e ->
                    e.getEventType().equals(EventTypes.UNIT_COMPLETED)
                        || e.getEventType().equals(EventTypes.UNIT_FAILED))
            .toList();
    assertThat(outcomes).hasSize(1);
    Event verdict = outcomes.get(0);
    assertThat(verdict.getEventId())
        .isEqualTo(EventIds.eventId(SESSION, "a", 0, EventTypes.UNIT_COMPLETED));
    assertThat(verdict.getReplicaIndex()).isNull();
    assertThat(verdict.getSource().getComponent()).isEqualTo("orchestrator");
    WorkUnitCompleted payload = (WorkUnitCompleted) verdict.getPayload();
    assertThat(payload.getOutputJson()).isEqualTo("{\"answer\":42}");
    assertThat(payload.getNodeId()).isEqualTo("node-2");
    assertThat(payload.getUsage().getCpuMs()).isEqualTo(6L);
    assertThat(verdict.getVerification().getMode()).isEqualTo("quorum");
    assertThat(verdict.getVerification().getReplicas())
        .extracting(ReplicaVote::getReplicaIndex, ReplicaVote::getNodeId, ReplicaVote::getVote)
        .containsExactly(
            tuple(0, "node-1", "disagreed"),
            tuple(1, "node-2", "agreed"),
            tuple(2, "node-3", "agreed"));
    SessionResult result = results.readValue();
    assertThat(result.getStopReason()).isEqualTo(StopReason.success);
    assertThat(result.getFinalOutputJson()).isEqualTo("{\"answer\":42}");
  }

  @Test
  void theVerdictReadBackFromTheLogChangesNothing() {
    admit("recompute", 1);
    claim(0, "node-1");
    claim(1, "node-2");
    complete(0, "node-1", "1");
    complete(1, "node-2", "1");
    Event verdict =
        events.readValuesToList().stream()
            .filter(e -> e.getVerification() != null)
            .findFirst()
            .orElseThrow();
    results.readValuesToList();

    eventsIn.pipeInput(SESSION, verdict, T0.plusMillis(20));
    complete(1, "node-2", "1");

    assertThat(events.isEmpty()).isTrue();
    assertThat(cpu.readValuesToList())
        .as("the two replicas of the single attempt, nothing more")
        .extracting(WorkUnitDispatch::getAttemptIndex, WorkUnitDispatch::getReplicaIndex)
        .containsExactly(tuple(0, 0), tuple(0, 1));
    assertThat(results.isEmpty()).isTrue();
  }

  @Test
  void aRecomputeWhoseOutputsDifferFailsWithItsDocumentedCode() {
    admit("recompute", 1);
    claim(0, "node-1");
    claim(1, "node-2");
    complete(0, "node-1", "{\"n\":1}");
    complete(1, "node-2", "{\"n\":2}");

    List<Event> failed =
        events.readValuesToList().stream()
            .filter(e -> e.getEventType().equals(EventTypes.UNIT_FAILED))
            .toList();
    assertThat(failed).hasSize(1);
    assertThat(((WorkUnitFailed) failed.get(0).getPayload()).getErrorCode())
        .isEqualTo("RECOMPUTE_MISMATCH");
    assertThat(failed.get(0).getVerification().getReplicas())
        .extracting(ReplicaVote::getVote)
        .containsExactly("unresolved", "unresolved");
    SessionResult result = results.readValue();
    assertThat(result.getStopReason()).isEqualTo(StopReason.retry_exhausted);
  }

  @Test
  void aReplicaThatFoundNoDistinctNodeFailsTheAttemptAndTheRetryStartsAfresh() {
    admit("quorum", 2);
    claim(0, "node-1");
    eventsIn.pipeInput(
        SESSION,
        replicaEvent(
            1,
            EventTypes.UNIT_FAILED,
            new WorkUnitFailed(
                null, Substrate.cpu, "NO_DISTINCT_NODE", "pool too small", 0L, usage(0))),
        T0.plusMillis(10));

    List<WorkUnitDispatch> dispatched = cpu.readValuesToList();
    assertThat(dispatched)
        .extracting(
            WorkUnitDispatch::getAttemptIndex,
            WorkUnitDispatch::getReplicaIndex,
            WorkUnitDispatch::getExcludeNodes)
        .containsExactly(
            tuple(0, 0, List.of()), tuple(0, 1, List.of("node-1")), tuple(1, 0, List.of()));
    assertThat(events.readValuesToList())
        .filteredOn(e -> e.getVerification() != null)
        .extracting(e -> ((WorkUnitFailed) e.getPayload()).getErrorCode())
        .containsExactly("NO_DISTINCT_NODE");
  }

  @Test
  void anOutcomeFromANodeThatDoesNotHoldTheReplicaLeavesTheHoldersLease() {
    admit("quorum", 1);
    cpu.readValue();
    claim(0, "node-1");
    assertThat(leases()).hasSize(1);

    // The outcome of a run of an aborted dispatch (ADR 025): the decider ignores it, and node-1's
    // lease must keep watching node-1.
    complete(0, "node-x", "{\"answer\":42}");
    assertThat(leases()).as("the holder's lease").hasSize(1);

    complete(0, "node-1", "{\"answer\":42}");
    assertThat(leases()).isEmpty();
  }

  private List<String> leases() {
    List<String> keys = new java.util.ArrayList<>();
    try (var all = driver.<String, Long>getKeyValueStore(OrchestrationNames.LEASES_STORE).all()) {
      all.forEachRemaining(kv -> keys.add(kv.key));
    }
    return keys;
  }

  private void admit(String mode, int attempts) {
    String json =
        "{\"schema_version\":\"1.0\",\"graph_id\":\"g-1\",\"request_id\":\"r-1\","
            + "\"tenant_id\":\"tenant-a\",\"created_at\":\"2026-01-01T00:00:00Z\","
            + "\"budgets\":{\"max_llm_calls\":0,\"max_cpu_units\":9,\"max_tokens\":0,"
            + "\"max_latency_ms\":60000},\"work_units\":[{\"id\":\"a\",\"type\":\"deterministic\","
            + "\"run\":{\"handler\":\"echo\"},\"verification_mode\":\""
            + mode
            + "\",\"retries\":{\"max_attempts\":"
            + attempts
            + ",\"backoff_ms\":0}}]}";
    ParseOutcome outcome =
        new GraphParser(IngressLimits.defaults()).parse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(outcome).isInstanceOf(ParseOutcome.Accepted.class);
    admitted.pipeInput(
        SESSION,
        new SessionAdmitted(
            SESSION, T0, GraphCodec.toAvro(((ParseOutcome.Accepted) outcome).graph())),
        T0);
  }

  private void claim(int replica, String node) {
    eventsIn.pipeInput(
        SESSION,
        replicaEvent(replica, EventTypes.UNIT_CLAIMED, new WorkUnitClaimed(node, Substrate.cpu)),
        T0.plusMillis(5));
  }

  private void complete(int replica, String node, String output) {
    eventsIn.pipeInput(
        SESSION,
        replicaEvent(
            replica,
            EventTypes.UNIT_COMPLETED,
            new WorkUnitCompleted(node, Substrate.cpu, output, 2L, usage(2))),
        T0.plusMillis(10));
  }

  private static Usage usage(long cpuMs) {
    return new Usage(cpuMs, 0L, 0L, 0);
  }

  private static Event replicaEvent(int replica, String type, SpecificRecord payload) {
    return WorkerReports.report(
        SESSION, "a", 0, replica, "node-x", type, payload, T0.plusMillis(5));
  }
}
