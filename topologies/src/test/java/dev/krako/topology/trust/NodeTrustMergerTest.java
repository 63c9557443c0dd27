package dev.krako.topology.trust;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.NodeTrust;
import dev.krako.trust.Health;
import dev.krako.trust.NodeEvent;
import dev.krako.trust.NodeFact;
import dev.krako.trust.NodeTrustState;
import dev.krako.trust.Substrate;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The merge of the partitions' totals of a node (ADR 031), with several partitions, which the
 * TopologyTestDriver (one partition) cannot show: totals of two partitions add up, a partition's
 * newer totals replace its older ones, totals sent again change nothing.
 */
class NodeTrustMergerTest {

  private static final String NODE = "cpu-node-1";

  private final MockProcessorContext<String, NodeTrust> context = new MockProcessorContext<>();
  private final NodeTrustMerger merger = new NodeTrustMerger();
  private TimestampedKeyValueStore<String, NodeTrust> nodes;

  @BeforeEach
  void start() {
    store(TrustNames.PARTIALS_STORE);
    nodes =
        Stores.timestampedKeyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(TrustNames.NODES_STORE),
                Serdes.String(),
                TOPICS.nodesTrust().valueSerde())
            .withLoggingDisabled()
            .build();
    nodes.init(context.getStateStoreContext(), nodes);
    context.addStateStore(nodes);
    merger.init(context);
  }

  @Test
  void theTotalsOfTwoPartitionsAddUp() {
    send(NODE, 0, totals(NODE, 10, 3, 1));
    send(NODE, 1, totals(NODE, 20, 2, 2));

    NodeTrust merged = node(NODE);
    assertThat(merged.getClaimed()).isEqualTo(5);
    assertThat(merged.getCompleted()).isEqualTo(3);
    assertThat(merged.getLastEventTime()).isEqualTo(T0.plusMillis(20));
    assertThat(forwarded()).containsExactly(totals(NODE, 10, 3, 1), merged);
    assertThat(context.forwarded().get(1).record().timestamp())
        .isEqualTo(T0.plusMillis(20).toEpochMilli());
    assertThat(nodes.get(NODE).timestamp()).isEqualTo(T0.plusMillis(20).toEpochMilli());
  }

  @Test
  void aPartitionsNewerTotalsReplaceItsOlderOnesAndTheSameTotalsAgainChangeNothing() {
    send(NODE, 0, totals(NODE, 10, 3, 1));
    send(NODE, 1, totals(NODE, 20, 2, 2));
    send(NODE, 0, totals(NODE, 30, 4, 4));
    context.resetForwards();

    send(NODE, 0, totals(NODE, 30, 4, 4));
    send(NODE, 1, totals(NODE, 20, 2, 2));

    assertThat(node(NODE).getClaimed()).isEqualTo(6);
    assertThat(node(NODE).getCompleted()).isEqualTo(6);
    assertThat(forwarded()).as("nothing changed, nothing sent").isEmpty();
  }

  @Test
  void aNodeWhoseIdExtendsAnothersWithTheSeparatorIsANodeOfItsOwn() {
    String longer = NODE + TrustNames.SEPARATOR + "7";
    send(NODE, 0, totals(NODE, 10, 3, 1));
    send(longer, 0, totals(longer, 10, 5, 5));
    send(NODE, 1, totals(NODE, 10, 1, 0));

    assertThat(node(NODE).getClaimed()).isEqualTo(4);
    assertThat(node(longer).getClaimed()).isEqualTo(5);
  }

  private NodeTrust node(String nodeId) {
    return nodes.get(nodeId).value();
  }

  private void send(String node, int partition, NodeTrust totals) {
    merger.process(
        new Record<>(
            new PartialKey(node, partition).encode(),
            totals,
            totals.getLastEventTime().toEpochMilli()));
  }

  private List<NodeTrust> forwarded() {
    return context.forwarded().stream().map(f -> (NodeTrust) f.record().value()).toList();
  }

  /** A node's totals: this many claims, completions, the last at this time. */
  private static NodeTrust totals(String node, long lastMs, int claimed, int completed) {
    NodeTrustState state = NodeTrustState.unheardOf(node);
    for (int i = 0; i < claimed; i++) {
      state = state.observe(event(node, lastMs - 1 - i, new NodeFact.Claimed()));
    }
    for (int i = 0; i < completed; i++) {
      state = state.observe(event(node, lastMs - 1 - i, new NodeFact.Completed()));
    }
    return TrustCodec.toAvro(
        state.observe(event(node, lastMs, new NodeFact.HealthReported(Health.UP))));
  }

  private static NodeEvent event(String node, long ms, NodeFact fact) {
    return new NodeEvent(node, Substrate.CPU, T0.plusMillis(ms), fact);
  }

  private void store(String name) {
    KeyValueStore<String, NodeTrust> store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(name),
                Serdes.String(),
                TOPICS.nodesTrust().valueSerde())
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
  }
}
