package dev.krako.topology.orchestration;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.avro.SessionAdmitted;
import dev.krako.avro.SessionState;
import dev.krako.avro.Substrate;
import dev.krako.avro.Usage;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.avro.WorkUnitHeartbeat;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import dev.krako.graph.GraphParser;
import dev.krako.graph.IngressLimits;
import dev.krako.graph.ParseOutcome;
import dev.krako.schemas.AvroSerdes;
import dev.krako.topology.TopologyTestSupport;
import dev.krako.topology.codec.GraphCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoded-session cache changes nothing but the CPU (ADR 022): the same inputs, with the cache
 * off, at its default bound and at a bound so small that sessions keep evicting each other, give
 * byte for byte the same stored sessions after every input and the same records on every output.
 * The walk interleaves three sessions through dispatches, claims, heartbeats, completions, a
 * failure and its retry after a backoff, the session ends, their eviction and events after it.
 */
class SessionCacheEquivalenceTest {

  private static final Duration RETENTION = Duration.ofSeconds(3);

  @TempDir Path stateDir;

  @Test
  void theStoredBytesAndEveryOutputAreTheSameWithAndWithoutTheCache() {
    List<String> uncached = walk(0, "off");
    List<String> cached = walk(OrchestrationConfig.DEFAULT_SESSION_CACHE_UNITS, "default");
    List<String> thrashing = walk(4, "small");

    assertThat(uncached).as("the walk stores and writes something").hasSizeGreaterThan(40);
    assertThat(cached).containsExactlyElementsOf(uncached);
    assertThat(thrashing).containsExactlyElementsOf(uncached);
  }

  /** Runs the walk with this bound; one trace line per input, and one per record written. */
  private List<String> walk(int cacheUnits, String name) {
    OrchestrationConfig config =
        OrchestrationConfig.defaults(TOPICS, "orchestrator-test")
            .withSessionRetention(RETENTION)
            .withSessionCacheUnits(cacheUnits);
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            OrchestrationTopology.build(config),
            TopologyTestSupport.properties("krako-cache-" + name, stateDir.resolve(name)),
            T0)) {
      return new Walk(driver).run();
    }
  }

  private static final class Walk {
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, SessionAdmitted> admitted;
    private final TestInputTopic<String, Event> eventsIn;
    private final TestInputTopic<String, WorkUnitHeartbeat> heartbeats;
    private final List<TestOutputTopic<String, ? extends SpecificRecord>> outputs;
    private final Serializer<SessionState> stateBytes =
        AvroSerdes.of(SessionState.class).serializer();
    private final List<String> trace = new ArrayList<>();
    private Instant now = T0;

    Walk(TopologyTestDriver driver) {
      this.driver = driver;
      admitted = TopologyTestSupport.input(driver, TOPICS.admitted());
      eventsIn = TopologyTestSupport.input(driver, TOPICS.reports());
      heartbeats = TopologyTestSupport.input(driver, TOPICS.heartbeats());
      outputs =
          List.of(
              TopologyTestSupport.output(driver, TOPICS.events()),
              TopologyTestSupport.output(driver, TOPICS.dispatch(Substrate.cpu)),
              TopologyTestSupport.output(driver, TOPICS.results()));
    }

    List<String> run() {
      admit("s-fan", FAN_OUT);
      admit("s-chain", CHAIN);
      admit("s-one", ONE);
      for (String unit : List.of("root", "l1", "l2", "l3")) {
        claim("s-fan", unit, 0);
        if (unit.equals("root")) {
          complete("s-fan", "root", 0);
        }
      }
      claim("s-chain", "a", 0);
      fail("s-chain", "a", 0); // a retry after its 500 ms backoff
      claim("s-one", "x", 0);
      heartbeat("s-one", "x", 0);
      advance(Duration.ofMillis(700));
      claim("s-chain", "a", 1);
      complete("s-chain", "a", 1);
      complete("s-one", "x", 0);
      complete("s-fan", "l1", 0);
      complete("s-fan", "l2", 0);
      claim("s-chain", "b", 0);
      complete("s-fan", "l3", 0);
      complete("s-chain", "b", 0);
      claim("s-fan", "l1", 0); // late: the unit has completed
      advance(RETENTION.plusSeconds(1)); // every session has ended: all are evicted
      complete("s-chain", "b", 0); // after the eviction: ignored
      admit("s-one", ONE); // a new session under an evicted id
      claim("s-one", "x", 0);
      advance(Duration.ofSeconds(30)); // its lease expires, is probed, and its worker is lost
      return trace;
    }

    private void record(String input) {
      trace.add("after " + input);
      try (KeyValueIterator<String, SessionState> it = sessions().all()) {
        it.forEachRemaining(
            kv ->
                trace.add(
                    "  stored "
                        + kv.key
                        + " "
                        + Base64.getEncoder()
                            .encodeToString(stateBytes.serialize("sessions", kv.value))));
      }
      for (TestOutputTopic<String, ? extends SpecificRecord> out : outputs) {
        out.readRecordsToList()
            .forEach(
                r ->
                    trace.add(
                        "  wrote " + r.key() + " " + r.timestamp() + " " + r.value().toString()));
      }
    }

    private KeyValueStore<String, SessionState> sessions() {
      return driver.getKeyValueStore(OrchestrationNames.SESSIONS_STORE);
    }

    private void advance(Duration d) {
      for (long ms = 0; ms < d.toMillis(); ms += 100) {
        now = now.plusMillis(100);
        driver.advanceWallClockTime(Duration.ofMillis(100));
      }
      record("advance " + d);
    }

    private void admit(String session, String workUnits) {
      String json =
          "{\"schema_version\":\"1.0\",\"graph_id\":\"g-"
              + session
              + "\",\"request_id\":\"r-1\","
              + "\"tenant_id\":\"tenant-a\",\"created_at\":\"2026-01-01T00:00:00Z\","
              + "\"budgets\":{\"max_llm_calls\":5,\"max_cpu_units\":50,\"max_tokens\":500,"
              + "\"max_latency_ms\":600000},\"work_units\":"
              + workUnits
              + "}";
      ParseOutcome outcome =
          new GraphParser(IngressLimits.defaults()).parse(json.getBytes(StandardCharsets.UTF_8));
      dev.krako.avro.TaskGraph graph = GraphCodec.toAvro(((ParseOutcome.Accepted) outcome).graph());
      admitted.pipeInput(session, new SessionAdmitted(session, now, graph), now);
      record("admit " + session);
    }

    private void claim(String session, String unit, int attempt) {
      pipe(
          session,
          unit,
          attempt,
          EventTypes.UNIT_CLAIMED,
          new WorkUnitClaimed("node-1", Substrate.cpu));
    }

    private void complete(String session, String unit, int attempt) {
      pipe(
          session,
          unit,
          attempt,
          EventTypes.UNIT_COMPLETED,
          new WorkUnitCompleted(
              "node-1", Substrate.cpu, "{\"u\":\"" + unit + "\"}", 2L, new Usage(2L, 0L, 0L, 0)));
    }

    private void fail(String session, String unit, int attempt) {
      pipe(
          session,
          unit,
          attempt,
          EventTypes.UNIT_FAILED,
          new WorkUnitFailed(
              "node-1",
              Substrate.cpu,
              "DETERMINISTIC_EXEC_FAILED",
              "boom",
              1L,
              new Usage(1L, 0L, 0L, 0)));
    }

    private void heartbeat(String session, String unit, int attempt) {
      heartbeats.pipeInput(
          session, new WorkUnitHeartbeat(session, unit, attempt, null, "node-1", now, false), now);
      record("heartbeat " + session + "/" + unit);
    }

    private void pipe(
        String session, String unit, int attempt, String type, SpecificRecord payload) {
      Event event =
          Event.newBuilder()
              .setEventId(EventIds.eventId(session, unit, attempt, type))
              .setEventType(type)
              .setTimestamp(now)
              .setTenantId("tenant-a")
              .setGraphId("g-" + session)
              .setSessionId(session)
              .setWorkUnitId(unit)
              .setAttemptIndex(attempt)
              .setSource(new EventSource("worker", "node-1"))
              .setPayload(payload)
              .build();
      eventsIn.pipeInput(session, event, now);
      record(type + " " + session + "/" + unit + "#" + attempt);
    }
  }

  private static final String ONE =
      "[{\"id\":\"x\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"}}]";

  private static final String CHAIN =
      "[{\"id\":\"a\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"},"
          + "\"retries\":{\"max_attempts\":2,\"backoff_ms\":500}},"
          + "{\"id\":\"b\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"},"
          + "\"dependencies\":[\"a\"],\"timeouts\":{\"dispatch_timeout_ms\":60000}}]";

  private static final String FAN_OUT =
      "[{\"id\":\"root\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"}},"
          + "{\"id\":\"l1\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"},"
          + "\"dependencies\":[\"root\"]},"
          + "{\"id\":\"l2\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"},"
          + "\"dependencies\":[\"root\"]},"
          + "{\"id\":\"l3\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"},"
          + "\"dependencies\":[\"root\"]}]";
}
