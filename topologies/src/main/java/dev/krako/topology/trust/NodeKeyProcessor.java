package dev.krako.topology.trust;

import dev.krako.avro.Event;
import dev.krako.avro.NodeHealthUpdated;
import dev.krako.trust.Health;
import dev.krako.trust.NodeEvent;
import dev.krako.trust.NodeFact;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the events about a node and keys each by its node id (a verdict once per node it judges),
 * stamped with its event time, for the dedupe and the fold of its partition of krako.events. An
 * event about a node that cannot be read throws here, so its dead letter carries its coordinates in
 * {@code krako.events}.
 */
final class NodeKeyProcessor implements Processor<String, Event, String, Event> {

  private static final Logger LOG = LoggerFactory.getLogger(NodeKeyProcessor.class);

  private ProcessorContext<String, Event> context;

  @Override
  public void init(ProcessorContext<String, Event> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, Event> record) {
    if (record.value() == null) {
      return;
    }
    for (NodeEvent node : NodeEvents.of(record.value())) {
      forward(record, node);
    }
  }

  private void forward(Record<String, Event> record, NodeEvent node) {
    if (node.fact() instanceof NodeFact.HealthReported reported
        && reported.health() == Health.UNKNOWN) {
      LOG.warn(
          "Node {} reported the health status '{}', which this build does not know; it counts as"
              + " unknown (event {}).",
          node.nodeId(),
          ((NodeHealthUpdated) record.value().getPayload()).getStatus(),
          record.value().getEventId());
    }
    context.forward(record.withKey(node.nodeId()).withTimestamp(node.eventTime().toEpochMilli()));
  }
}
