package dev.krako.topology.trust;

import dev.krako.avro.Event;
import dev.krako.avro.NodeTrust;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds the (deduplicated) node events of one partition of {@code krako.events} into that
 * partition's totals per node, and every {@code snapshotInterval} of wall-clock time sends the
 * totals of each node changed since the last snapshot, keyed {@code <node id>␟<partition>} (ADR
 * 031). A snapshot replaces the partition's previous one of the node, never adds to it, so one sent
 * twice changes nothing: on init (a restart, a rebalance) every node of the store is sent again,
 * because the set of changed nodes lives in memory and a crash between a commit and the next
 * snapshot would lose it.
 */
final class PartitionNodeTotals implements Processor<String, Event, String, NodeTrust> {

  private final TrustConfig config;
  private final Set<String> changed = new LinkedHashSet<>();
  private ProcessorContext<String, NodeTrust> context;
  private KeyValueStore<String, NodeTrust> totals;

  PartitionNodeTotals(TrustConfig config) {
    this.config = config;
  }

  @Override
  public void init(ProcessorContext<String, NodeTrust> context) {
    this.context = context;
    totals = context.getStateStore(TrustNames.PARTITION_NODES_STORE);
    try (KeyValueIterator<String, NodeTrust> all = totals.all()) {
      all.forEachRemaining(node -> changed.add(node.key));
    }
    context.schedule(config.snapshotInterval(), PunctuationType.WALL_CLOCK_TIME, this::snapshot);
  }

  @Override
  public void process(Record<String, Event> record) {
    String nodeId = record.key();
    totals.put(nodeId, TrustFold.add(nodeId, record.value(), totals.get(nodeId)));
    changed.add(nodeId);
  }

  private void snapshot(long wallClockMs) {
    int partition = context.taskId().partition();
    for (String nodeId : changed) {
      NodeTrust trust = totals.get(nodeId);
      if (trust != null) {
        context.forward(
            new Record<>(
                new PartialKey(nodeId, partition).encode(),
                trust,
                trust.getLastEventTime().toEpochMilli()));
      }
    }
    changed.clear();
  }
}
