package dev.krako.topology.trust;

import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static dev.krako.topology.trust.TrustEventLog.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Event;
import dev.krako.avro.NodeTrust;
import dev.krako.avro.Substrate;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A partition's node totals (ADR 031): a snapshot per node changed since the last one, keyed by
 * node and this partition, and every node again after a restart, whose changed set was lost.
 */
class PartitionNodeTotalsTest {

  private static final String N1 = "cpu-node-1";
  private static final String N2 = "cpu-node-2";
  private static final int PARTITION = 3;

  private final MockProcessorContext<String, NodeTrust> context =
      new MockProcessorContext<>(settings(), new TaskId(0, PARTITION), null);
  private KeyValueStore<String, NodeTrust> totals;

  @BeforeEach
  void start() {
    totals =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(TrustNames.PARTITION_NODES_STORE),
                Serdes.String(),
                TOPICS.nodesTrust().valueSerde())
            .withLoggingDisabled()
            .build();
    totals.init(context.getStateStoreContext(), totals);
    context.addStateStore(totals);
  }

  @Test
  void eachSnapshotSendsTheNodesChangedSinceTheLastOneKeyedByNodeAndPartition() {
    PartitionNodeTotals processor = started();
    pipe(
        processor,
        TrustEventLog.log()
            .succeeded(N1, Substrate.cpu, session(1), "a", 0)
            .succeeded(N2, Substrate.cpu, session(1), "b", 10)
            .events());

    snapshot();
    assertThat(sent())
        .containsExactly(
            new PartialKey(N1, PARTITION).encode() + "=2",
            new PartialKey(N2, PARTITION).encode() + "=2");

    pipe(processor, TrustEventLog.log().succeeded(N2, Substrate.cpu, session(2), "c", 20).events());
    snapshot();
    assertThat(sent()).containsExactly(new PartialKey(N2, PARTITION).encode() + "=4");

    snapshot();
    assertThat(sent()).as("nothing changed, nothing sent").isEmpty();
  }

  @Test
  void afterARestartEveryNodeOfThePartitionIsSentAgain() {
    PartitionNodeTotals before = started();
    pipe(
        before,
        TrustEventLog.log()
            .succeeded(N1, Substrate.cpu, session(1), "a", 0)
            .succeeded(N2, Substrate.cpu, session(1), "b", 10)
            .events());
    snapshot();
    sent();

    started();
    snapshot();

    assertThat(sent())
        .containsExactlyInAnyOrder(
            new PartialKey(N1, PARTITION).encode() + "=2",
            new PartialKey(N2, PARTITION).encode() + "=2");
  }

  private PartitionNodeTotals started() {
    PartitionNodeTotals processor = new PartitionNodeTotals(TrustConfig.defaults(TOPICS));
    processor.init(context);
    return processor;
  }

  /** Pipes the events about a node, keyed by node, as the dedupe forwards them. */
  private static void pipe(PartitionNodeTotals processor, List<Event> events) {
    for (Event e : events) {
      NodeEvents.of(e)
          .forEach(
              n -> processor.process(new Record<>(n.nodeId(), e, n.eventTime().toEpochMilli())));
    }
  }

  /** Runs the punctuator of the processor started last. */
  private void snapshot() {
    List<MockProcessorContext.CapturedPunctuator> scheduled = context.scheduledPunctuators();
    MockProcessorContext.CapturedPunctuator latest = scheduled.get(scheduled.size() - 1);
    assertThat(latest.getInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(latest.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
    latest.getPunctuator().punctuate(0);
  }

  private static Properties settings() {
    Properties settings = new Properties();
    settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "partition-totals-test");
    settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return settings;
  }

  /** What was sent since the last call: key = claimed + completed. */
  private List<String> sent() {
    List<String> sent =
        context.forwarded().stream()
            .map(
                f ->
                    f.record().key()
                        + "="
                        + (f.record().value().getClaimed() + f.record().value().getCompleted()))
            .toList();
    context.resetForwards();
    return sent;
  }
}
