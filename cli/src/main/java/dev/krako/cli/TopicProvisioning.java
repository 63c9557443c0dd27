package dev.krako.cli;

import dev.krako.kafka.local.TopicSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Brings a cluster's Krako topics to what is asked, idempotently ({@code krako topics create}):
 * creates the missing ones with their configs, raises partition counts that are lower than asked,
 * and never lowers one (Kafka cannot, and keys would move). Existing topics keep their configs and
 * replication factor.
 */
final class TopicProvisioning {

  /** What happened to one topic. */
  enum Action {
    CREATED,
    PARTITIONS_RAISED,
    UNCHANGED,
    /** It has more partitions than asked: left as it is. */
    MORE_PARTITIONS_KEPT
  }

  /** One topic's outcome: its partition count before (0 when it did not exist) and after. */
  record Change(String topic, Action action, int partitionsBefore, int partitionsAfter) {

    String describe() {
      return switch (action) {
        case CREATED -> "created " + topic + " with " + partitionsAfter + " partitions";
        case PARTITIONS_RAISED ->
            "raised "
                + topic
                + " from "
                + partitionsBefore
                + " to "
                + partitionsAfter
                + " partitions";
        case UNCHANGED -> topic + " already has " + partitionsAfter + " partitions";
        case MORE_PARTITIONS_KEPT ->
            topic
                + " has "
                + partitionsBefore
                + " partitions, more than asked: kept (partitions are never lowered)";
      };
    }
  }

  private final Admin admin;
  private final long timeoutMs;

  TopicProvisioning(Admin admin, long timeoutMs) {
    this.admin = admin;
    this.timeoutMs = timeoutMs;
  }

  /** Applies {@code specs}, creating missing topics with {@code replicationFactor}. */
  List<Change> apply(List<TopicSpec> specs, short replicationFactor)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
    List<String> present = specs.stream().map(TopicSpec::name).filter(existing::contains).toList();
    Map<String, TopicDescription> described =
        admin.describeTopics(present).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
    List<NewTopic> toCreate = new ArrayList<>();
    Map<String, NewPartitions> toRaise = new HashMap<>();
    List<Change> changes = new ArrayList<>();
    for (TopicSpec spec : specs) {
      TopicDescription description = described.get(spec.name());
      if (description == null) {
        toCreate.add(
            new NewTopic(spec.name(), spec.partitions(), replicationFactor)
                .configs(spec.configs()));
        changes.add(new Change(spec.name(), Action.CREATED, 0, spec.partitions()));
        continue;
      }
      int before = description.partitions().size();
      if (before < spec.partitions()) {
        toRaise.put(spec.name(), NewPartitions.increaseTo(spec.partitions()));
        changes.add(new Change(spec.name(), Action.PARTITIONS_RAISED, before, spec.partitions()));
      } else {
        Action action =
            before == spec.partitions() ? Action.UNCHANGED : Action.MORE_PARTITIONS_KEPT;
        changes.add(new Change(spec.name(), action, before, before));
      }
    }
    if (!toCreate.isEmpty()) {
      admin.createTopics(toCreate).all().get(timeoutMs, TimeUnit.MILLISECONDS);
    }
    if (!toRaise.isEmpty()) {
      admin.createPartitions(toRaise).all().get(timeoutMs, TimeUnit.MILLISECONDS);
    }
    return changes;
  }
}
