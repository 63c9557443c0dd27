package dev.krako.topology.orchestration;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.krako.avro.Event;
import dev.krako.avro.SessionAdmitted;
import dev.krako.avro.SessionResult;
import dev.krako.avro.StopReason;
import dev.krako.avro.Substrate;
import dev.krako.avro.Usage;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.avro.WorkUnitScheduled;
import dev.krako.avro.WorkUnitSkipped;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import dev.krako.graph.Budgets;
import dev.krako.graph.Criticality;
import dev.krako.graph.FailurePolicy;
import dev.krako.graph.GraphParser;
import dev.krako.graph.IngressLimits;
import dev.krako.graph.ParseOutcome;
import dev.krako.graph.Privacy;
import dev.krako.graph.SkipCondition;
import dev.krako.graph.TaskGraph;
import dev.krako.graph.UnitType;
import dev.krako.graph.VerificationMode;
import dev.krako.graph.WorkUnit;
import dev.krako.topology.TopologyTestSupport;
import dev.krako.topology.codec.GraphCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrchestrationTopologyTest {

  private static final String SESSION = "session-1";

  @TempDir Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, SessionAdmitted> admitted;
  private TestInputTopic<String, Event> eventsIn;
  private TestOutputTopic<String, Event> events;
  private TestOutputTopic<String, WorkUnitDispatch> cpu;
  private TestOutputTopic<String, WorkUnitDispatch> trusted;
  private TestOutputTopic<String, WorkUnitDispatch> llm;
  private TestOutputTopic<String, SessionResult> results;

  @BeforeEach
  void start() {
    driver =
        new TopologyTestDriver(
            OrchestrationTopology.build(OrchestrationConfig.defaults(TOPICS, "orchestrator-test")),
            TopologyTestSupport.properties("krako-orchestration-test", stateDir),
            T0);
    admitted = TopologyTestSupport.input(driver, TOPICS.admitted());
    eventsIn = TopologyTestSupport.input(driver, TOPICS.reports());
    events = TopologyTestSupport.output(driver, TOPICS.events());
    cpu = TopologyTestSupport.output(driver, TOPICS.dispatch(Substrate.cpu));
    trusted = TopologyTestSupport.output(driver, TOPICS.dispatch(Substrate.cpu_trusted));
    llm = TopologyTestSupport.output(driver, TOPICS.dispatch(Substrate.llm_pod));
    results = TopologyTestSupport.output(driver, TOPICS.results());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void bIsDispatchedOnlyAfterACompletesAndTheSessionEndsWithOneResult() {
    admit(CHAIN);

    assertThat(cpu.readValuesToList())
        .extracting(WorkUnitDispatch::getWorkUnitId)
        .containsExactly("a");
    assertThat(eventTypes()).containsExactly(EventTypes.SESSION_STARTED, EventTypes.UNIT_SCHEDULED);

    complete("a", 0, "{\"status\":\"ok\",\"task_id\":\"a\"}");
    WorkUnitDispatch b = cpu.readValue();
    assertThat(b.getWorkUnitId()).isEqualTo("b");
    assertThat(b.getDependencyOutputs())
        .containsEntry("a", "{\"status\":\"ok\",\"task_id\":\"a\"}");
    assertThat(results.isEmpty()).isTrue();

    complete("b", 0, "{\"status\":\"ok\",\"task_id\":\"b\"}");
    SessionResult result = results.readValue();
    assertThat(result.getStopReason()).isEqualTo(StopReason.success);
    assertThat(result.getFinalOutputJson()).isEqualTo("{\"status\":\"ok\",\"task_id\":\"b\"}");
    assertThat(result.getTelemetry().getDeterministicCount()).isEqualTo(2);
    assertThat(result.getTelemetry().getUnits())
        .extracting(u -> u.getAttempts())
        .containsExactly(1, 1);
    assertThat(results.isEmpty()).isTrue();
  }

  @Test
  void everyEventCarriesTheFullEnvelopeWithADeterministicId() {
    admit(CHAIN);

    Event started = events.readValue();
    assertThat(started.getEventId())
        .isEqualTo(EventIds.eventId(SESSION, null, 0, EventTypes.SESSION_STARTED));
    assertThat(started.getTenantId()).isEqualTo("tenant-a");
    assertThat(started.getGraphId()).isEqualTo("g-1");
    assertThat(started.getSessionId()).isEqualTo(SESSION);
    assertThat(started.getSource().getComponent()).isEqualTo("orchestrator");
    Event scheduled = events.readValue();
    assertThat(scheduled.getWorkUnitId()).isEqualTo("a");
    assertThat(scheduled.getEventId())
        .isEqualTo(EventIds.eventId(SESSION, "a", 0, EventTypes.UNIT_SCHEDULED));
  }

  @Test
  void aDuplicatedCompletionChangesNothing() {
    admit(CHAIN);
    complete("a", 0, "{}");
    cpu.readValuesToList();
    events.readValuesToList();

    complete("a", 0, "{}");

    assertThat(cpu.isEmpty()).isTrue();
    assertThat(events.isEmpty()).isTrue();
  }

  @Test
  void aSecondAdmissionOfTheSameSessionChangesNothing() {
    admit(CHAIN);
    cpu.readValuesToList();
    events.readValuesToList();

    admit(CHAIN);

    assertThat(cpu.isEmpty()).isTrue();
    assertThat(events.isEmpty()).isTrue();
  }

  @Test
  void placementSendsEachTypeToItsOwnPoolOnly() {
    admit(
        units(
            "{\"id\":\"plain\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"}}",
            "{\"id\":\"secret\",\"type\":\"retrieval\",\"run\":{\"handler\":\"lookup\"},"
                + "\"constraints\":{\"privacy\":\"local_only\"}}",
            "{\"id\":\"model\",\"type\":\"llm\",\"run\":{\"tier\":\"small\",\"prompt\":\"hi\"}}"));

    assertThat(cpu.readValuesToList())
        .extracting(WorkUnitDispatch::getWorkUnitId)
        .containsExactly("plain");
    assertThat(trusted.readValuesToList())
        .extracting(WorkUnitDispatch::getWorkUnitId)
        .containsExactly("secret");
    assertThat(llm.readValuesToList())
        .extracting(WorkUnitDispatch::getWorkUnitId)
        .containsExactly("model");
  }

  @Test
  void aFailedAttemptIsRetriedAfterExactlyItsBackoffOnTheWallClock() {
    admit(
        units(
            "{\"id\":\"a\",\"type\":\"deterministic\",\"run\":{\"handler\":\"flaky_once\"},"
                + "\"retries\":{\"max_attempts\":2,\"backoff_ms\":500}}"));
    cpu.readValue();
    fail("a", 0, T0.plusMillis(10));
    assertThat(eventTypes()).endsWith(EventTypes.UNIT_RETRY_SCHEDULED);

    driver.advanceWallClockTime(Duration.ofMillis(400));
    assertThat(cpu.isEmpty()).as("not before the backoff has elapsed").isTrue();

    driver.advanceWallClockTime(Duration.ofMillis(200));
    WorkUnitDispatch retry = cpu.readValue();
    assertThat(retry.getAttemptIndex()).isEqualTo(1);
  }

  @Test
  void theLastFailedAttemptEndsTheSessionWithRetryExhausted() {
    admit(CHAIN);
    cpu.readValue();

    fail("a", 0, T0.plusMillis(10));

    SessionResult result = results.readValue();
    assertThat(result.getStopReason()).isEqualTo(StopReason.retry_exhausted);
    assertThat(result.getTelemetry().getUnits())
        .extracting(u -> u.getStatus())
        .containsExactly("failed", "cancelled");
    assertThat(cpu.isEmpty()).isTrue();
  }

  @Test
  void eventsOfAnUnknownSessionAreIgnored() {
    eventsIn.pipeInput("nobody", completedEvent("nobody", "a", 0, "{}"));

    assertThat(events.isEmpty()).isTrue();
    assertThat(results.isEmpty()).isTrue();
  }

  @Test
  void anAttemptWhoseWorkerNeverReportsIsRetriedAfterItsRunTimeoutOnTheWallClock() {
    admit(
        units(
            "{\"id\":\"a\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"},"
                + "\"retries\":{\"max_attempts\":2,\"backoff_ms\":0},"
                + "\"timeouts\":{\"run_timeout_ms\":1000}}"));
    assertThat(cpu.readValue().getRunTimeoutMs()).isEqualTo(1_000L);
    driver.advanceWallClockTime(Duration.ofMillis(3_000));
    assertThat(cpu.isEmpty()).as("queue time is not run time: it is not claimed yet").isTrue();
    claim("a", 0, T0.plusMillis(3_000));
    events.readValuesToList();

    driver.advanceWallClockTime(Duration.ofMillis(900));
    assertThat(cpu.isEmpty()).as("not before the run timeout").isTrue();

    driver.advanceWallClockTime(Duration.ofMillis(200));
    WorkUnitDispatch retry = cpu.readValue();
    assertThat(retry.getAttemptIndex()).isEqualTo(1);
    assertThat(eventTypes())
        .containsExactly(EventTypes.UNIT_RETRY_SCHEDULED, EventTypes.UNIT_SCHEDULED);

    complete("a", 0, "{\"late\":true}");
    assertThat(cpu.isEmpty()).isTrue();
    assertThat(events.isEmpty()).as("a late outcome of the timed-out attempt").isTrue();

    claim("a", 1, T0.plusMillis(4_100));
    driver.advanceWallClockTime(Duration.ofMillis(1_100));
    SessionResult result = results.readValue();
    assertThat(result.getStopReason()).isEqualTo(StopReason.retry_exhausted);
    assertThat(result.getTelemetry().getUnits().get(0).getAttempts()).isEqualTo(2);
  }

  @Test
  void aDispatchTimeoutFiresOnlyForAnUnclaimedAttempt() {
    admit(
        units(
            "{\"id\":\"a\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"},"
                + "\"retries\":{\"max_attempts\":3,\"backoff_ms\":0},"
                + "\"timeouts\":{\"dispatch_timeout_ms\":500}}"));
    cpu.readValue();

    driver.advanceWallClockTime(Duration.ofMillis(600));
    WorkUnitDispatch second = cpu.readValue();
    assertThat(second.getAttemptIndex()).isEqualTo(1);
    claim("a", 1, T0.plusMillis(650));

    driver.advanceWallClockTime(Duration.ofMillis(600));
    assertThat(cpu.isEmpty()).as("attempt 1 was claimed in time").isTrue();
    complete("a", 1, "{\"ok\":true}");
    assertThat(results.readValue().getStopReason()).isEqualTo(StopReason.success);
  }

  @Test
  void aSessionWhoseMaxLatencyElapsesEndsWithBudgetExhausted() {
    admit(
        graph(
            "{\"max_llm_calls\":5,\"max_cpu_units\":5,\"max_tokens\":500,\"max_latency_ms\":2000}",
            "{\"id\":\"a\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"}}",
            "{\"id\":\"b\",\"type\":\"deterministic\",\"dependencies\":[\"a\"],"
                + "\"run\":{\"handler\":\"echo\"}}"));
    cpu.readValue();
    events.readValuesToList();

    driver.advanceWallClockTime(Duration.ofMillis(1_900));
    assertThat(results.isEmpty()).as("not before max_latency_ms").isTrue();

    driver.advanceWallClockTime(Duration.ofMillis(200));
    SessionResult result = results.readValue();
    assertThat(result.getStatus()).isEqualTo(dev.krako.avro.SessionStatus.failed);
    assertThat(result.getStopReason()).isEqualTo(StopReason.budget_exhausted);
    assertThat(result.getTelemetry().getUnits())
        .extracting(u -> u.getStatus())
        .containsExactly("cancelled", "cancelled");
    List<Event> ended = events.readValuesToList();
    assertThat(ended)
        .extracting(Event::getEventType)
        .containsExactly(
            EventTypes.UNIT_SKIPPED, EventTypes.UNIT_SKIPPED, EventTypes.SESSION_FAILED);
    assertThat(ended.get(0).getPayload()).isEqualTo(new WorkUnitSkipped("session_ended"));

    complete("a", 0, "{}");
    driver.advanceWallClockTime(Duration.ofMinutes(6));
    assertThat(results.isEmpty()).isTrue();
    assertThat(cpu.isEmpty()).isTrue();
    assertThat(events.isEmpty()).isTrue();
  }

  @Test
  void theLargestDeclaredLatencyAndTimeoutsStillLetTheSessionRun() {
    admit(
        graph(
            "{\"max_llm_calls\":5,\"max_cpu_units\":5,\"max_tokens\":500,"
                + "\"max_latency_ms\":9223372036854775807}",
            "{\"id\":\"a\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"},"
                + "\"timeouts\":{\"run_timeout_ms\":9223372036854775807,"
                + "\"dispatch_timeout_ms\":9223372036854775807}}",
            "{\"id\":\"b\",\"type\":\"deterministic\",\"dependencies\":[\"a\"],"
                + "\"run\":{\"handler\":\"echo\"}}"));

    assertThat(cpu.readValue().getWorkUnitId()).isEqualTo("a");
    driver.advanceWallClockTime(Duration.ofDays(1));
    complete("a", 0, "{}");
    assertThat(cpu.readValue().getWorkUnitId()).isEqualTo("b");
    complete("b", 0, "{}");
    assertThat(results.readValue().getStopReason()).isEqualTo(StopReason.success);
  }

  @Test
  void aDeadlineAfterTheSessionCompletedChangesNothing() {
    admit(CHAIN);
    complete("a", 0, "{}");
    complete("b", 0, "{}");
    assertThat(results.readValue().getStopReason()).isEqualTo(StopReason.success);
    events.readValuesToList();

    driver.advanceWallClockTime(Duration.ofMinutes(6));

    assertThat(results.isEmpty()).isTrue();
    assertThat(events.isEmpty()).isTrue();
  }

  @Test
  void theDispatchOfAModelUnitCarriesItsTokenGrantAsBudgetTokens() {
    admit(
        graph(
            "{\"max_llm_calls\":5,\"max_cpu_units\":5,\"max_tokens\":500,\"max_latency_ms\":60000}",
            "{\"id\":\"m1\",\"type\":\"llm\",\"run\":{\"tier\":\"small\",\"prompt\":\"hi\"},"
                + "\"constraints\":{\"budget_tokens\":400}}",
            "{\"id\":\"m2\",\"type\":\"llm\",\"run\":{\"tier\":\"small\",\"prompt\":\"hi\"}}",
            "{\"id\":\"c\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"}}"));

    assertThat(llm.readValuesToList())
        .extracting(WorkUnitDispatch::getWorkUnitId, WorkUnitDispatch::getBudgetTokens)
        .containsExactly(tuple("m1", 400L), tuple("m2", 100L));
    assertThat(cpu.readValue().getBudgetTokens()).isNull();
  }

  @Test
  void localOnlyAndTrustedUnitsNeverReachTheCpuOrLlmTopics() {
    admit(
        graph(
            "{\"max_llm_calls\":1,\"max_cpu_units\":7,\"max_tokens\":500,\"max_latency_ms\":60000}",
            "{\"id\":\"plain\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"}}",
            "{\"id\":\"secret\",\"type\":\"retrieval\",\"run\":{\"handler\":\"lookup\"},"
                + "\"constraints\":{\"privacy\":\"local_only\"}}",
            "{\"id\":\"legacy\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"},"
                + "\"constraints\":{\"local_only\":true}}",
            "{\"id\":\"vault\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"},"
                + "\"constraints\":{\"trusted_node_required\":true}}",
            "{\"id\":\"tiny\",\"type\":\"small_model\",\"run\":{\"handler\":\"classify\"},"
                + "\"constraints\":{\"privacy\":\"local_only\"}}",
            "{\"id\":\"model\",\"type\":\"llm\",\"run\":{\"tier\":\"small\",\"prompt\":\"hi\"}}",
            "{\"id\":\"join\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"},"
                + "\"dependencies\":[\"plain\",\"secret\",\"model\"],"
                + "\"constraints\":{\"privacy\":\"local_only\"}}",
            "{\"id\":\"last\",\"type\":\"small_model\",\"run\":{\"handler\":\"classify\"},"
                + "\"dependencies\":[\"join\",\"legacy\",\"vault\",\"tiny\"]}"));
    List<WorkUnitDispatch> onCpu = new ArrayList<>();
    List<WorkUnitDispatch> onTrusted = new ArrayList<>();
    List<WorkUnitDispatch> onLlm = new ArrayList<>();
    for (int round = 0; round < 10 && results.isEmpty(); round++) {
      List<WorkUnitDispatch> fresh = new ArrayList<>();
      fresh.addAll(collect(cpu, onCpu));
      fresh.addAll(collect(trusted, onTrusted));
      fresh.addAll(collect(llm, onLlm));
      fresh.forEach(d -> complete(d.getWorkUnitId(), d.getAttemptIndex(), "{}"));
    }

    assertThat(results.readValue().getStopReason()).isEqualTo(StopReason.success);
    List<String> trustedOnly = List.of("secret", "legacy", "vault", "tiny", "join");
    assertThat(onTrusted)
        .extracting(WorkUnitDispatch::getWorkUnitId)
        .containsExactlyInAnyOrderElementsOf(trustedOnly);
    assertThat(onTrusted).allMatch(d -> d.getSubstrate() == Substrate.cpu_trusted);
    assertThat(onCpu).extracting(WorkUnitDispatch::getWorkUnitId).containsExactly("plain", "last");
    assertThat(onLlm).extracting(WorkUnitDispatch::getWorkUnitId).containsExactly("model");
    assertThat(events.readValuesToList())
        .filteredOn(e -> e.getEventType().equals(EventTypes.UNIT_SCHEDULED))
        .hasSize(8)
        .allSatisfy(
            e -> {
              WorkUnitScheduled scheduled = (WorkUnitScheduled) e.getPayload();
              assertThat(scheduled.getSubstrate() == Substrate.cpu_trusted)
                  .as("%s is scheduled on trusted CPU", e.getWorkUnitId())
                  .isEqualTo(trustedOnly.contains(e.getWorkUnitId()));
              assertThat(scheduled.getDispatchTopic())
                  .isEqualTo(TOPICS.dispatch(scheduled.getSubstrate()).name());
            });
  }

  @Test
  void aFailureFallbackIsDispatchedWithoutTheFailedUnitsOutputAndCompletesTheSession() {
    admit(
        units(
            "{\"id\":\"a\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"}}",
            "{\"id\":\"fb\",\"type\":\"deterministic\",\"dependencies\":[\"a\"],"
                + "\"run\":{\"handler\":\"echo\"},\"activation\":{\"when\":\"failure\",\"of\":\"a\"}}"));
    cpu.readValue();

    fail("a", 0, T0.plusMillis(10));

    WorkUnitDispatch fallback = cpu.readValue();
    assertThat(fallback.getWorkUnitId()).isEqualTo("fb");
    assertThat(fallback.getDependencyIds()).containsExactly("a");
    assertThat(fallback.getDependencyOutputs()).doesNotContainKey("a");
    assertThat(results.isEmpty()).isTrue();
    complete("fb", 0, "{\"recovered\":true}");
    SessionResult result = results.readValue();
    assertThat(result.getStopReason()).isEqualTo(StopReason.success);
    assertThat(result.getFinalOutputJson()).isEqualTo("{\"recovered\":true}");
  }

  @Test
  void anEscalationStepWhoseConditionFailsIsSkippedWithItsDependents() {
    admit(
        units(
            "{\"id\":\"a\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"}}",
            "{\"id\":\"fb\",\"type\":\"deterministic\",\"dependencies\":[\"a\"],"
                + "\"run\":{\"handler\":\"echo\"},\"activation\":{\"when\":\"failure\",\"of\":\"a\"}}",
            "{\"id\":\"after\",\"type\":\"deterministic\",\"dependencies\":[\"fb\"],"
                + "\"run\":{\"handler\":\"echo\"}}"));
    events.readValuesToList();

    complete("a", 0, "{}");

    assertThat(events.readValuesToList())
        .filteredOn(e -> e.getEventType().equals(EventTypes.UNIT_SKIPPED))
        .extracting(Event::getWorkUnitId, Event::getPayload)
        .containsExactly(
            tuple("fb", new WorkUnitSkipped("activation_not_met")),
            tuple("after", new WorkUnitSkipped("dependency_skipped")));
    assertThat(results.readValue().getStopReason()).isEqualTo(StopReason.success);
  }

  @Test
  void aUnitAfterASkipIfSkipRunsOnThePlaceholderEvenAfterTheSessionWasReloaded() {
    WorkUnit pre = cpuUnit("pre");
    WorkUnit skipped =
        new WorkUnit(
            "maybe",
            UnitType.LLM,
            List.of("pre"),
            "{}",
            "{\"tier\":\"small\",\"prompt\":\"hi\"}",
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
            new SkipCondition("$.is_simple", "true"));
    admitGraph(pre, skipped, cpuUnit("other"), cpuUnit("join", "maybe", "other"));
    cpu.readValuesToList();

    complete("pre", 0, "{\"is_simple\":true}");
    assertThat(events.readValuesToList())
        .filteredOn(e -> e.getEventType().equals(EventTypes.UNIT_SKIPPED))
        .extracting(Event::getWorkUnitId, Event::getPayload)
        .containsExactly(tuple("maybe", new WorkUnitSkipped("skip_if")));
    assertThat(cpu.isEmpty()).as("join still waits for other").isTrue();
    assertThat(llm.isEmpty()).isTrue();

    complete("other", 0, "{}");
    WorkUnitDispatch join = cpu.readValue();
    assertThat(join.getWorkUnitId()).isEqualTo("join");
    assertThat(join.getDependencyOutputs())
        .containsEntry(
            "maybe",
            "{\"status\":\"ok\",\"task_id\":\"maybe\",\"skipped\":true,"
                + "\"message\":\"Skipped due to skip_if condition\"}");
  }

  @Test
  void theDispatchTellsTheWorkerToVerifyAgainstTheOutputSchema() {
    admit(
        units(
            "{\"id\":\"a\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"},"
                + "\"verification_mode\":\"schema\","
                + "\"output_schema\":{\"type\":\"object\",\"required\":[\"status\"]}}",
            "{\"id\":\"b\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"}}"));

    assertThat(cpu.readValuesToList())
        .extracting(WorkUnitDispatch::getWorkUnitId, WorkUnitDispatch::getVerificationMode)
        .containsExactly(
            tuple("a", dev.krako.avro.VerificationMode.schema),
            tuple("b", dev.krako.avro.VerificationMode.none));
  }

  private static final String CHAIN =
      units(
          "{\"id\":\"a\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"}}",
          "{\"id\":\"b\",\"type\":\"deterministic\",\"dependencies\":[\"a\"],\"run\":{\"handler\":\"echo\"}}");

  private static String graph(String budgets, String... units) {
    return "{\"schema_version\":\"1.0\",\"graph_id\":\"g-1\",\"request_id\":\"r-1\",\"tenant_id\":\"tenant-a\","
        + "\"created_at\":\"2026-01-01T00:00:00Z\",\"budgets\":"
        + budgets
        + ",\"work_units\":["
        + String.join(",", units)
        + "]}";
  }

  private static WorkUnit cpuUnit(String id, String... dependencies) {
    return new WorkUnit(
        id,
        UnitType.DETERMINISTIC,
        List.of(dependencies),
        "{}",
        "{\"handler\":\"echo\"}",
        Privacy.ALLOW_REMOTE,
        false,
        null,
        1,
        0,
        null,
        false,
        null);
  }

  /** Admits a graph built in code, for what the 1.x JSON form cannot say (skip_if). */
  private void admitGraph(WorkUnit... units) {
    TaskGraph graph =
        new TaskGraph(
            "1.0",
            "g-1",
            "r-1",
            "tenant-a",
            T0,
            new Budgets(5, 5, 500, 60_000, null),
            FailurePolicy.FAIL_FAST,
            List.of(units),
            List.of(units[units.length - 1].id()));
    admitted.pipeInput(SESSION, new SessionAdmitted(SESSION, T0, GraphCodec.toAvro(graph)), T0);
  }

  private static List<WorkUnitDispatch> collect(
      TestOutputTopic<String, WorkUnitDispatch> topic, List<WorkUnitDispatch> all) {
    List<WorkUnitDispatch> fresh = topic.readValuesToList();
    all.addAll(fresh);
    return fresh;
  }

  private void claim(String unit, int attempt, Instant at) {
    eventsIn.pipeInput(
        SESSION,
        envelope(
            SESSION,
            unit,
            attempt,
            EventTypes.UNIT_CLAIMED,
            at,
            new WorkUnitClaimed("node-1", Substrate.cpu)),
        at);
  }

  private static String units(String... units) {
    return "{\"schema_version\":\"1.0\",\"graph_id\":\"g-1\",\"request_id\":\"r-1\",\"tenant_id\":\"tenant-a\","
        + "\"created_at\":\"2026-01-01T00:00:00Z\",\"budgets\":{\"max_llm_calls\":5,\"max_cpu_units\":5,"
        + "\"max_tokens\":500,\"max_latency_ms\":60000},\"work_units\":["
        + String.join(",", units)
        + "]}";
  }

  private void admit(String json) {
    ParseOutcome outcome =
        new GraphParser(IngressLimits.defaults()).parse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(outcome).isInstanceOf(ParseOutcome.Accepted.class);
    var graph = GraphCodec.toAvro(((ParseOutcome.Accepted) outcome).graph());
    admitted.pipeInput(SESSION, new SessionAdmitted(SESSION, T0, graph), T0);
  }

  private void complete(String unit, int attempt, String output) {
    eventsIn.pipeInput(SESSION, completedEvent(SESSION, unit, attempt, output), T0.plusMillis(5));
  }

  private void fail(String unit, int attempt, Instant at) {
    eventsIn.pipeInput(
        SESSION,
        envelope(
            SESSION,
            unit,
            attempt,
            EventTypes.UNIT_FAILED,
            at,
            new WorkUnitFailed(
                "node-1",
                Substrate.cpu,
                "DETERMINISTIC_EXEC_FAILED",
                "boom",
                1L,
                new Usage(1L, 0L, 0L, 0))),
        at);
  }

  private static Event completedEvent(String session, String unit, int attempt, String output) {
    return envelope(
        session,
        unit,
        attempt,
        EventTypes.UNIT_COMPLETED,
        T0.plusMillis(5),
        new WorkUnitCompleted("node-1", Substrate.cpu, output, 2L, new Usage(2L, 0L, 0L, 0)));
  }

  private static Event envelope(
      String session, String unit, int attempt, String type, Instant at, SpecificRecord payload) {
    return WorkerReports.report(session, unit, attempt, null, "node-1", type, payload, at);
  }

  private List<String> eventTypes() {
    return events.readValuesToList().stream().map(Event::getEventType).toList();
  }
}
