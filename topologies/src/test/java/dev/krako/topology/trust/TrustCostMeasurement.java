package dev.krako.topology.trust;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;

import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.avro.Substrate;
import dev.krako.avro.Usage;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitStarted;
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
 * Measures what the trust topology costs per WorkUnit (ADR 031), as {@code CapacityCostMeasurement}
 * does for capacity: a synthetic stream of units at 450 units/s of event time, each claimed,
 * started and completed by one of 8 nodes, sessions of 10 units, the wall clock advanced with event
 * time every second, goes through the TopologyTestDriver. It prints the records written per unit to
 * every topic the topology produces (changelogs and the repartition topic included) and the CPU
 * time of the driver thread per unit. The driver commits after every input record, so a cached
 * store writes its changelog once per record here, where under load it writes once per key and
 * commit.
 *
 * <p>A measurement, not a test: its name matches no surefire include, so the suite never runs it;
 * run it by name with {@code -Dtest=TrustCostMeasurement}.
 */
class TrustCostMeasurement {

  private static final int WARM_UP_UNITS = 5_000;
  private static final int UNITS = 40_000;
  private static final int NODES = 8;
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
            TrustTopology.build(TrustConfig.defaults(TOPICS)),
            TopologyTestSupport.properties("krako-trust-cost", stateDir),
            T0)) {
      driver = d;
      events = TopologyTestSupport.input(driver, TOPICS.events());
      System.out.print(
          DriverCost.measure(
              "trust",
              driver,
              () -> run(0, WARM_UP_UNITS),
              () -> run(WARM_UP_UNITS, WARM_UP_UNITS + UNITS),
              UNITS));
    }
  }

  private void run(int from, int to) {
    for (int i = from; i < to; i++) {
      Instant at = T0.plusNanos(i * MICROS_PER_UNIT * 1_000);
      pipe(unit(EventTypes.UNIT_CLAIMED, i, at));
      pipe(unit(EventTypes.UNIT_STARTED, i, at));
      pipe(unit(EventTypes.UNIT_COMPLETED, i, at.plusMillis(1)));
      Duration behind = Duration.between(wall, at);
      if (behind.compareTo(Duration.ofSeconds(1)) >= 0) {
        driver.advanceWallClockTime(behind);
        wall = at;
      }
    }
  }

  private void pipe(Event event) {
    events.pipeInput(event.getSessionId(), event, event.getTimestamp());
  }

  private static Event unit(String type, int i, Instant at) {
    String node = node(i);
    Event.Builder event = base(type, i, at).setWorkUnitId("u-" + i);
    return switch (type) {
      case EventTypes.UNIT_CLAIMED ->
          event.setPayload(new WorkUnitClaimed(node, Substrate.cpu)).build();
      case EventTypes.UNIT_STARTED ->
          event.setPayload(new WorkUnitStarted(node, Substrate.cpu)).build();
      default ->
          event
              .setPayload(
                  new WorkUnitCompleted(node, Substrate.cpu, OUTPUT, 10L, new Usage(1L, 0L, 0L, 0)))
              .build();
    };
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
        .setSource(new EventSource("worker", node(i)));
  }

  private static String node(int i) {
    return "node-" + (i % NODES);
  }
}
