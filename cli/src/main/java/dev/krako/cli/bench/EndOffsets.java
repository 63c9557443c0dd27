package dev.krako.cli.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * The appends of a group of topics: per topic, the sum of its partitions' end offsets, which counts
 * records and transaction markers alike (and records that a repartition topic has purged since).
 * The bench's appends per WorkUnit and the by-name appends measurements read it.
 */
public final class EndOffsets {

  private static final long TIMEOUT_SECONDS = 30;

  private EndOffsets() {}

  /** Every topic whose name starts with {@code prefix}, by its name without the prefix. */
  public static Map<String, Long> byTopic(Admin admin, String prefix)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<String> names =
        admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
            .filter(n -> n.startsWith(prefix))
            .toList();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (TopicDescription d :
        admin
            .describeTopics(names)
            .allTopicNames()
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .values()) {
      d.partitions()
          .forEach(
              p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
    }
    Map<String, Long> byTopic = new TreeMap<>();
    admin
        .listOffsets(latest)
        .all()
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .forEach(
            (tp, info) ->
                byTopic.merge(tp.topic().substring(prefix.length()), info.offset(), Long::sum));
    return byTopic;
  }
}
