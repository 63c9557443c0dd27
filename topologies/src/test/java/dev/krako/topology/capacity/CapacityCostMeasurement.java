package dev.krako.topology.capacity;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;

import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.avro.SessionEnded;
import dev.krako.avro.SessionStatus;
import dev.krako.avro.StopReason;
import dev.krako.avro.Substrate;
import dev.krako.avro.Usage;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitScheduled;
import dev.krako.avro.WorkUnitStarted;
import dev.krako.avro.WorkUnitType;
import dev.krako.events.EventTypes;
import dev.krako.topology.DriverCost;
import dev.krako.topology.TopologyTestSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures what the capacity topology costs per WorkUnit (ADR 021): a synthetic stream of units at
 * 450 units/s of event time (scheduled, claimed 100 units later, started, completed 200 units
 * later; a session end every 10 units; wall clock advanced with event time so the 5 s evaluation
 * runs) goes through the TopologyTestDriver. It prints the records written per unit to every topic
 * the topology produces (changelogs and the repartition topic included) and the CPU time of the
 * driver thread per unit. The driver commits after every input record, so the changelog counts are
 * those of a lightly loaded cluster (one transaction per record); under load a store cache
 * coalesces more.
 *
 * <p>A measurement, not a test: its name matches no surefire include, so the suite never runs it;
 * run it by name with {@code -Dtest=CapacityCostMeasurement}. Compare only runs made minutes apart
 * on the same machine.
 */
class CapacityCostMeasurement {

  private static final int WARM_UP_UNITS = 5_000;
  private static final int UNITS = 40_000;
  private static final int CLAIM_LAG = 100;
  private static final int COMPLETION_LAG = 200;
  private static final int SESSION_SIZE = 10;
  private static final long MICROS_PER_UNIT = 1_000_000 / 450;
  private static final String OUTPUT = "{\"answer\":\"" + "x".repeat(200) + "\"}";

  @TempDir Path stateDir;

  private TestInputTopic<String, Event> events;
  private TopologyTestDriver driver;
  private Instant wall = T0;

  @Test
  void measuresTheCostPerUnit() {
    try (TopologyTestDriver d =
        new TopologyTestDriver(
            CapacityTopology.build(CapacityConfig.defaults(TOPICS, "capacity-cost")),
            TopologyTestSupport.properties("krako-capacity-cost", stateDir),
            T0)) {
      driver = d;
      events = TopologyTestSupport.input(driver, TOPICS.events());
      System.out.print(
          DriverCost.measure(
              "capacity",
              driver,
              () -> run(0, WARM_UP_UNITS),
              () -> run(WARM_UP_UNITS, WARM_UP_UNITS + UNITS),
              UNITS));
    }
  }

  private void run(int from, int to) {
    for (int i = from; i < to + COMPLETION_LAG; i++) {
      Instant at = T0.plusNanos(i * MICROS_PER_UNIT * 1_000);
      if (i < to) {
        pipe(unit(EventTypes.UNIT_SCHEDULED, i, at), at);
      }
      int claimed = i - CLAIM_LAG;
      if (claimed >= from && claimed < to) {
        pipe(unit(EventTypes.UNIT_CLAIMED, claimed, at), at);
        pipe(unit(EventTypes.UNIT_STARTED, claimed, at), at);
      }
      int completed = i - COMPLETION_LAG;
      if (completed >= from && completed < to) {
        pipe(unit(EventTypes.UNIT_COMPLETED, completed, at), at);
        if (completed % SESSION_SIZE == SESSION_SIZE - 1) {
          pipe(sessionEnded(completed, at), at);
        }
      }
      Duration behind = Duration.between(wall, at);
      if (behind.compareTo(Duration.ofSeconds(5)) >= 0) {
        driver.advanceWallClockTime(behind);
        wall = at;
      }
    }
  }

  private void pipe(Event event, Instant at) {
    events.pipeInput(event.getSessionId(), event, at);
  }

  private static Event unit(String type, int i, Instant at) {
    Event.Builder event = base(type, i, at).setWorkUnitId("u-" + i);
    return switch (type) {
      case EventTypes.UNIT_SCHEDULED ->
          event
              .setPayload(
                  new WorkUnitScheduled(WorkUnitType.deterministic, Substrate.cpu, "dispatch"))
              .build();
      case EventTypes.UNIT_CLAIMED ->
          event.setPayload(new WorkUnitClaimed("node-1", Substrate.cpu)).build();
      case EventTypes.UNIT_STARTED ->
          event.setPayload(new WorkUnitStarted("node-1", Substrate.cpu)).build();
      default ->
          event
              .setPayload(
                  new WorkUnitCompleted(
                      "node-1", Substrate.cpu, OUTPUT, 10L, new Usage(1L, 0L, 0L, 0)))
              .build();
    };
  }

  private static Event sessionEnded(int i, Instant at) {
    return base(EventTypes.SESSION_COMPLETED, i, at)
        .setWorkUnitId(null)
        .setPayload(new SessionEnded(SessionStatus.completed, StopReason.success, 1L))
        .build();
  }

  private static Event.Builder base(String type, int i, Instant at) {
    String session = "s-" + (i / SESSION_SIZE);
    return Event.newBuilder()
        .setEventId(type + "/" + session + "/" + i)
        .setEventType(type)
        .setTimestamp(at)
        .setTenantId("tenant-a")
        .setGraphId("g-1")
        .setSessionId(session)
        .setAttemptIndex(0)
        .setSource(new EventSource("measurement", "measurement"));
  }
}
