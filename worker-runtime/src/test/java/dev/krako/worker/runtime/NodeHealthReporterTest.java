package dev.krako.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.krako.avro.Event;
import dev.krako.avro.NodeHealthUpdated;
import dev.krako.avro.Substrate;
import dev.krako.events.EventTypes;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import dev.krako.worker.MutableClock;
import dev.krako.worker.resilience.BreakerSettings;
import dev.krako.worker.resilience.DownstreamBreaker;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A node's health reports, written to a mock producer. */
class NodeHealthReporterTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KrakoTopics TOPICS = new KrakoTopics(TopicNames.defaults());

  private final MutableClock clock = MutableClock.startingAt2026();
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final WorkerSettings settings =
      new WorkerSettings(
              "unused:9092",
              TOPICS,
              Substrate.llm_pod,
              "llm",
              "llm-node-1",
              2,
              Duration.ofMillis(100))
          .withHealthInterval(Duration.ofHours(1));
  private final DownstreamBreaker breaker =
      new DownstreamBreaker(
          "llm-pod http://pod:8000", BreakerSettings.defaults().withWindow(2, 2), clock);

  @Test
  void aNodeReportsUpWithItsPoolLoopsVersionAndBreakersWhenItStarts() throws Exception {
    NodeHealthReporter reporter =
        new NodeHealthReporter(settings, List.of(breaker), clock, producer);

    reporter.start();

    ProducerRecord<String, byte[]> record = awaitReports(1).get(0);
    assertThat(record.topic()).isEqualTo(TOPICS.events().name());
    assertThat(record.key()).isEqualTo("llm-node-1");
    Event event = event(record);
    assertThat(event.getEventType()).isEqualTo(EventTypes.NODE_HEALTH_UPDATED);
    assertThat(event.getTimestamp()).isEqualTo(clock.instant());
    assertThat(event.getSessionId()).isNull();
    assertThat(event.getTenantId()).isNull();
    assertThat(event.getWorkUnitId()).isNull();
    assertThat(event.getSource().getComponent()).isEqualTo("worker");
    assertThat(event.getSource().getId()).isEqualTo("llm-node-1");
    NodeHealthUpdated health = (NodeHealthUpdated) event.getPayload();
    assertThat(health.getNodeId()).isEqualTo("llm-node-1");
    assertThat(health.getSubstrate()).isEqualTo(Substrate.llm_pod);
    assertThat(health.getStatus()).isEqualTo("up");
    JsonNode detail = JSON.readTree(health.getDetail());
    assertThat(detail.get("reason").asText()).isEqualTo("start");
    assertThat(detail.get("pool").asText()).isEqualTo("llm");
    assertThat(detail.get("loops").asInt()).isEqualTo(2);
    assertThat(detail.get("version").asText()).isNotBlank().isNotEqualTo("unknown");
    assertThat(detail.get("breakers").get(0).get("name").asText())
        .isEqualTo("llm-pod http://pod:8000");
    assertThat(detail.get("breakers").get(0).get("state").asText()).isEqualTo("closed");
    reporter.close();
  }

  @Test
  void everyBreakerChangeIsReported() throws Exception {
    NodeHealthReporter reporter =
        new NodeHealthReporter(settings, List.of(breaker), clock, producer);
    reporter.start();

    for (int i = 0; i < 2; i++) {
      breaker.tryAcquirePermission();
      breaker.recordFailure(1, "TRANSPORT: refused");
    }
    clock.advance(Duration.ofSeconds(31));
    assertThat(breaker.isOpen()).isTrue(); // half-open now
    breaker.tryAcquirePermission();
    breaker.recordSuccess(1);

    List<ProducerRecord<String, byte[]>> reports = awaitReports(4);
    assertThat(reports.stream().map(NodeHealthReporterTest::status))
        .containsExactly("up", "down", "degraded", "up");
    JsonNode down = detail(reports.get(1));
    assertThat(down.get("reason").asText()).isEqualTo("breaker");
    assertThat(down.get("breakers").get(0).get("state").asText()).isEqualTo("open");
    reporter.close();
  }

  @Test
  void aNodeReportsPeriodicallyAndDownWhenItStops() throws Exception {
    NodeHealthReporter reporter =
        new NodeHealthReporter(
            settings.withHealthInterval(Duration.ofMillis(20)), List.of(), clock, producer);
    reporter.start();
    awaitReports(4);

    reporter.close();

    List<ProducerRecord<String, byte[]>> reports = producer.history();
    assertThat(detail(reports.get(1)).get("reason").asText()).isEqualTo("periodic");
    ProducerRecord<String, byte[]> last = reports.get(reports.size() - 1);
    assertThat(status(last)).isEqualTo("down");
    assertThat(detail(last).get("reason").asText()).isEqualTo("shutdown");
    assertThat(detail(last).get("breakers")).isEmpty();
    assertThat(producer.closed()).isTrue();
    assertThat(reports.stream().map(r -> event(r).getEventId()).distinct()).hasSize(reports.size());
  }

  @Test
  void reportIdsAreDerivedFromTheNodeItsStartAndTheSequence() {
    WorkerEvents events = new WorkerEvents("n", Substrate.cpu);

    Event first = events.nodeHealth("up", "{}", clock.instant(), clock.instant(), 0);
    Event again =
        events.nodeHealth("down", "{}", clock.instant().plusSeconds(5), clock.instant(), 0);
    Event next = events.nodeHealth("up", "{}", clock.instant(), clock.instant(), 1);
    Event restarted =
        events.nodeHealth("up", "{}", clock.instant(), clock.instant().plusMillis(1), 0);

    assertThat(again.getEventId()).isEqualTo(first.getEventId());
    assertThat(List.of(first.getEventId(), next.getEventId(), restarted.getEventId()))
        .doesNotHaveDuplicates();
  }

  private List<ProducerRecord<String, byte[]>> awaitReports(int n) {
    await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() >= n);
    return producer.history();
  }

  private static Event event(ProducerRecord<String, byte[]> record) {
    return TOPICS.events().valueSerde().deserializer().deserialize(record.topic(), record.value());
  }

  private static String status(ProducerRecord<String, byte[]> record) {
    return ((NodeHealthUpdated) event(record).getPayload()).getStatus();
  }

  private static JsonNode detail(ProducerRecord<String, byte[]> record) {
    try {
      return JSON.readTree(((NodeHealthUpdated) event(record).getPayload()).getDetail());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
