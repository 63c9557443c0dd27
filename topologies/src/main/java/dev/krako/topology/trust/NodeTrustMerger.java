package dev.krako.topology.trust;

import dev.krako.avro.NodeTrust;
import dev.krako.trust.NodeTrustState;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Keeps the latest totals of each node from each partition of {@code krako.events} and the node's
 * trust, their merge ({@link NodeTrustState#merge}), which it forwards to the trust topic keyed by
 * node id (ADR 031). A partition's totals replace its previous ones: the partition is their
 * identity, so a partition that moves to another instance is never counted twice, and totals sent
 * again change nothing. A node's trust is forwarded only when it changed: under exactly-once the
 * stores and the forwarded records commit together, so a skipped record was sent before.
 */
final class NodeTrustMerger implements Processor<String, NodeTrust, String, NodeTrust> {

  private static final StringSerializer KEYS = new StringSerializer();

  private ProcessorContext<String, NodeTrust> context;
  private KeyValueStore<String, NodeTrust> partials;
  private TimestampedKeyValueStore<String, NodeTrust> nodes;

  @Override
  public void init(ProcessorContext<String, NodeTrust> context) {
    this.context = context;
    partials = context.getStateStore(TrustNames.PARTIALS_STORE);
    nodes = context.getStateStore(TrustNames.NODES_STORE);
  }

  @Override
  public void process(Record<String, NodeTrust> record) {
    if (record.value() == null) {
      return;
    }
    PartialKey key = PartialKey.parse(record.key());
    if (record.value().equals(partials.get(record.key()))) {
      return;
    }
    partials.put(record.key(), record.value());
    NodeTrustState merged = NodeTrustState.unheardOf(key.nodeId());
    try (KeyValueIterator<String, NodeTrust> parts =
        partials.prefixScan(PartialKey.prefix(key.nodeId()), KEYS)) {
      while (parts.hasNext()) {
        KeyValue<String, NodeTrust> part = parts.next();
        // The prefix also matches the nodes whose id extends this one's with the separator.
        if (PartialKey.parse(part.key).nodeId().equals(key.nodeId())) {
          merged = merged.merge(TrustCodec.toDomain(part.value));
        }
      }
    }
    NodeTrust trust = TrustCodec.toAvro(merged);
    long at = trust.getLastEventTime().toEpochMilli();
    ValueAndTimestamp<NodeTrust> before = nodes.get(key.nodeId());
    if (before != null && trust.equals(before.value())) {
      return; // e.g. a late health report another partition's newer one supersedes
    }
    nodes.put(key.nodeId(), ValueAndTimestamp.make(trust, at));
    context.forward(new Record<>(key.nodeId(), trust, at));
  }
}
