package dev.krako.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The open-loop publisher's timing, with an injected clock and a mock producer. */
class LoadGeneratorTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long START = 50 * SECOND;

  private final AtomicLong now = new AtomicLong(START - 1);
  private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
  private final Clock wall =
      Clock.fixed(Instant.parse("2026-11-27T08:00:00.123456Z"), ZoneOffset.UTC);

  private LoadGenerator generator(MockProducer<String, byte[]> producer) {
    return new LoadGenerator(producer, "graphs", new GraphMix(3), "run1", inFlight, now::get, wall);
  }

  private static MockProducer<String, byte[]> producer(boolean autoComplete) {
    return new MockProducer<>(
        autoComplete, null, new StringSerializer(), new ByteArraySerializer());
  }

  @Test
  void publishesWhatIsDueAtEachTickAndNothingAhead() {
    MockProducer<String, byte[]> producer = producer(true);
    OpenLoopSchedule schedule = new OpenLoopSchedule(START, 4, 2 * SECOND);
    StepRecorder recorder = new StepRecorder("t", schedule);
    LoadGenerator.Step step = generator(producer).step(schedule, recorder);

    assertThat(step.tick()).isFalse();
    assertThat(producer.history()).isEmpty();

    now.set(START);
    step.tick();
    assertThat(producer.history()).hasSize(1);

    now.set(START + SECOND); // a late tick: four sessions became due since
    step.tick();
    assertThat(producer.history()).hasSize(5);

    now.set(START + 10 * SECOND);
    assertThat(step.tick()).isTrue();
    assertThat(producer.history()).hasSize(8);
    assertThat(step.sent()).isEqualTo(8);
  }

  @Test
  void eachSessionIsRegisteredWithItsScheduledDueTimeNotItsSendTime() {
    MockProducer<String, byte[]> producer = producer(true);
    OpenLoopSchedule schedule = new OpenLoopSchedule(START, 4, SECOND);
    LoadGenerator.Step step = generator(producer).step(schedule, new StepRecorder("t", schedule));

    now.set(START + 3 * SECOND); // everything is late
    step.tick();

    assertThat(inFlight).hasSize(4);
    assertThat(inFlight.get("run1-0").dueNanos()).isEqualTo(START);
    assertThat(inFlight.get("run1-3").dueNanos()).isEqualTo(START + 3 * SECOND / 4);
    assertThat(inFlight.get("run1-3").shape()).isEqualTo(GraphMix.CYCLE.get(3));
  }

  @Test
  void requestIdsStayUniqueAcrossStepsAndDocumentsCarryThem() throws Exception {
    MockProducer<String, byte[]> producer = producer(true);
    LoadGenerator generator = generator(producer);
    OpenLoopSchedule first = new OpenLoopSchedule(START, 2, SECOND);
    OpenLoopSchedule second = new OpenLoopSchedule(START + 5 * SECOND, 2, SECOND);
    now.set(START + 10 * SECOND);
    generator.step(first, new StepRecorder("a", first)).tick();
    generator.step(second, new StepRecorder("b", second)).tick();

    assertThat(producer.history())
        .extracting(ProducerRecord::key)
        .containsExactly("run1-0", "run1-1", "run1-2", "run1-3");
    JsonNode doc = new ObjectMapper().readTree(producer.history().get(2).value());
    assertThat(doc.path("request_id").asText()).isEqualTo("run1-2");
    assertThat(doc.path("graph_id").asText()).isEqualTo("run1-2");
    assertThat(doc.path("tenant_id").asText()).isEqualTo("bench-tenant-2");
    assertThat(doc.path("created_at").asText()).isEqualTo("2026-11-27T08:00:00.123Z");
  }

  @Test
  void aFailedSendIsCountedAndForgotten() {
    MockProducer<String, byte[]> producer = producer(false);
    OpenLoopSchedule schedule = new OpenLoopSchedule(START, 1, SECOND);
    StepRecorder recorder = new StepRecorder("t", schedule);
    LoadGenerator.Step step = generator(producer).step(schedule, recorder);
    now.set(START);
    step.tick();

    producer.errorNext(new RuntimeException("broker gone"));

    assertThat(inFlight).isEmpty();
    StepResult result = recorder.summarize(StepResult.Kind.LEVEL, Usage.NONE);
    assertThat(result.published()).isEqualTo(1);
    assertThat(result.sendFailures()).isEqualTo(1);
    assertThat(result.unfinished()).isZero();
  }
}
