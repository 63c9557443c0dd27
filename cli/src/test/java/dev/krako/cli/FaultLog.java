package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Event;
import dev.krako.avro.GraphRejected;
import dev.krako.avro.SessionResult;
import dev.krako.avro.StopReason;
import dev.krako.avro.Substrate;
import dev.krako.billing.LedgerLine;
import dev.krako.billing.LineItem;
import dev.krako.topics.KrakoTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the fault-injection tests read back from a Krako under fault: events, results and
 * rejections, each with the wall-clock time this reader received it (a record's timestamp is
 * inherited from the input record that caused it, so it says nothing about when a surviving
 * instance produced it), and the assertions the fault tests share.
 */
final class FaultLog implements AutoCloseable {

  final List<Event> events = new ArrayList<>();

  /** When each of {@link #events} was read, at the same index. */
  final List<Long> eventReadAt = new ArrayList<>();

  final List<SessionResult> results = new ArrayList<>();
  final List<GraphRejected> rejections = new ArrayList<>();

  /** Session id → when its result was first read ({@link System#currentTimeMillis()}). */
  final Map<String, Long> resultReadAt = new HashMap<>();

  private final KrakoTopics topics;
  private final KafkaConsumer<String, byte[]> reader;
  private final Set<String> read = new HashSet<>();

  FaultLog(String bootstrapServers, KrakoTopics topics) {
    this.topics = topics;
    this.reader =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    reader.subscribe(
        List.of(topics.events().name(), topics.results().name(), topics.rejected().name()));
  }

  /**
   * Reads whatever has arrived; call it inside an await. A record read again (its group rejoined
   * and resumed from its last auto-committed offset) is skipped by its coordinates; a real
   * duplicate is another offset, and is kept.
   */
  void poll() {
    for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(50))) {
      if (!read.add(r.topic() + "-" + r.partition() + "@" + r.offset())) {
        continue;
      }
      if (r.topic().equals(topics.events().name())) {
        events.add(topics.events().valueSerde().deserializer().deserialize(r.topic(), r.value()));
        eventReadAt.add(System.currentTimeMillis());
      } else if (r.topic().equals(topics.results().name())) {
        SessionResult result =
            topics.results().valueSerde().deserializer().deserialize(r.topic(), r.value());
        results.add(result);
        resultReadAt.putIfAbsent(String.valueOf(result.getSessionId()), System.currentTimeMillis());
      } else {
        rejections.add(
            topics.rejected().valueSerde().deserializer().deserialize(r.topic(), r.value()));
      }
    }
  }

  /** No rejection, and exactly one result record per submitted graph id. */
  void assertOneResultPerGraph(List<String> graphIds) {
    assertOneResultPerGraph(results, rejections, graphIds);
  }

  /**
   * The event sequence of every session that did not succeed, one line an event (time, type, unit,
   * attempt, source, payload), for a failure message: it says why without a rerun.
   */
  static String unsuccessful(KrakoRun run) {
    StringBuilder out = new StringBuilder();
    for (SessionResult result : run.results) {
      if (result.getStopReason() == StopReason.success) {
        continue;
      }
      out.append(result.getSessionId()).append(' ').append(result.getStopReason()).append('\n');
      for (Event e : run.eventsOf(result.getSessionId())) {
        out.append("  ").append(e.getTimestamp()).append(' ').append(e.getEventType());
        out.append(' ').append(e.getWorkUnitId()).append(" #").append(e.getAttemptIndex());
        out.append(' ').append(e.getSource());
        out.append(' ').append(e.getPayload()).append('\n');
      }
    }
    return out.toString();
  }

  /** No rejection, and exactly one result record per submitted graph id. */
  static void assertOneResultPerGraph(
      List<SessionResult> results, List<GraphRejected> rejections, List<String> graphIds) {
    assertThat(rejections).isEmpty();
    Map<String, Long> perGraph =
        results.stream()
            .collect(
                Collectors.groupingBy(r -> String.valueOf(r.getGraphId()), Collectors.counting()));
    assertThat(perGraph.keySet()).containsExactlyInAnyOrderElementsOf(graphIds);
    assertThat(perGraph).allSatisfy((g, n) -> assertThat(n).as(g).isEqualTo(1));
  }

  /**
   * Every unit of every result billed exactly once ({@code workunit_cpu}, one line per unit,
   * whatever attempt completed it), and nothing else billed for CPU.
   */
  static void assertEachCpuUnitBilledOnce(List<LedgerLine> ledger, List<String> expectedUnits) {
    List<String> billed =
        ledger.stream()
            .filter(l -> l.lineItem() == LineItem.WORKUNIT_CPU)
            .map(l -> l.work().graphId() + "/" + l.work().workUnitId())
            .toList();
    assertThat(billed).containsExactlyInAnyOrderElementsOf(expectedUnits);
  }

  /** The complete lines of an execution witness file (a line being written has no newline yet). */
  static List<ExecutionWitness.Line> witnessLines(Path witness) throws Exception {
    if (!Files.exists(witness)) {
      return List.of();
    }
    String text = Files.readString(witness);
    String complete = text.substring(0, text.lastIndexOf('\n') + 1);
    List<ExecutionWitness.Line> lines = new ArrayList<>();
    for (String line : complete.split("\n")) {
      if (!line.isEmpty()) {
        lines.add(ExecutionWitness.Line.parse(line));
      }
    }
    return lines;
  }

  /** No attempt (session, unit, attempt index) started twice, by the witness. */
  static void assertNoAttemptExecutedTwice(List<ExecutionWitness.Line> lines) {
    assertThat(lines).isNotEmpty();
    assertThat(startsPerAttempt(lines)).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
  }

  /** Attempt ({@code session/unit#attempt}) → how many times the witness saw it start. */
  private static Map<String, Long> startsPerAttempt(List<ExecutionWitness.Line> lines) {
    return lines.stream()
        .collect(
            Collectors.groupingBy(
                l -> attemptKey(l.sessionId(), l.workUnitId(), l.attemptIndex()),
                Collectors.counting()));
  }

  /** An attempt's key in the witness's and the dispatches' counts: {@code session/unit#attempt}. */
  private static String attemptKey(CharSequence session, CharSequence unit, int attempt) {
    return session + "/" + unit + "#" + attempt;
  }

  /**
   * No attempt started more often than a dispatch of it was written, aborted dispatches included.
   * With early start (docs/adr/025-early-start-of-pure-units.md) a CPU pool may run the dispatch of
   * an orchestrator transaction that then aborts, and the orchestrator writes the attempt again
   * after it takes over: that attempt runs twice, from two dispatches. A claim that went wrong
   * would run one dispatch twice, and fails this.
   *
   * @param dispatches attempt ({@code session/unit#attempt}) → dispatch records written, from
   *     {@link #dispatchesWritten}
   * @return the attempts that started more than once
   */
  static Set<String> assertNoAttemptExecutedMoreOftenThanDispatched(
      List<ExecutionWitness.Line> lines, Map<String, Long> dispatches) {
    assertThat(lines).isNotEmpty();
    Map<String, Long> perAttempt = startsPerAttempt(lines);
    assertThat(perAttempt)
        .allSatisfy(
            (k, n) -> assertThat(n).as(k).isLessThanOrEqualTo(dispatches.getOrDefault(k, 0L)));
    return perAttempt.entrySet().stream()
        .filter(e -> e.getValue() > 1)
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  /**
   * Attempt ({@code session/unit#attempt}) → dispatch records of it on the CPU dispatch topics,
   * committed and aborted alike ({@code read_uncommitted}), read to the end offsets as they are
   * now.
   */
  static Map<String, Long> dispatchesWritten(String bootstrapServers, KrakoTopics topics) {
    var cpu = topics.dispatch(Substrate.cpu);
    var trusted = topics.dispatch(Substrate.cpu_trusted);
    Map<String, Long> counts = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_uncommitted"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : List.of(cpu.name(), trusted.name())) {
        consumer
            .partitionsFor(topic)
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            continue; // a cancellation tombstone
          }
          var d = cpu.valueSerde().deserializer().deserialize(r.topic(), r.value());
          counts.merge(
              attemptKey(d.getSessionId(), d.getWorkUnitId(), d.getAttemptIndex()), 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  @Override
  public void close() {
    reader.close();
  }
}
