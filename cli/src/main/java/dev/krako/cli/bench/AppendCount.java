package dev.krako.cli.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * What the whole run cost the broker: the sum of the end offsets of every topic of the run (Krako's
 * topics and the applications' changelog and repartition topics, not the raw broker's), which
 * counts records and transaction markers alike, divided by the WorkUnits the run completed. Unlike
 * a rate it hardly depends on the machine's noise, so it compares builds directly; it does depend
 * on the load, since under load more records share a transaction and its markers.
 */
final class AppendCount {

  private static final int TOP_TOPICS = 12;

  private AppendCount() {}

  static BenchReport.Appends of(Admin admin, String prefix, long workUnitsCompleted)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<String> names =
        admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
            .filter(n -> n.startsWith(prefix) && !n.startsWith(prefix + "raw-broker-"))
            .toList();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (TopicDescription d :
        admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
      d.partitions()
          .forEach(
              p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
    }
    Map<String, Long> byTopic = new HashMap<>();
    admin
        .listOffsets(latest)
        .all()
        .get(30, TimeUnit.SECONDS)
        .forEach((tp, info) -> byTopic.merge(tp.topic(), info.offset(), Long::sum));
    long total = byTopic.values().stream().mapToLong(Long::longValue).sum();
    List<BenchReport.TopicAppends> top = new ArrayList<>();
    byTopic.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .limit(TOP_TOPICS)
        .forEach(
            e ->
                top.add(
                    new BenchReport.TopicAppends(
                        e.getKey().substring(prefix.length()),
                        e.getValue(),
                        perUnit(e.getValue(), workUnitsCompleted))));
    return new BenchReport.Appends(
        total, workUnitsCompleted, perUnit(total, workUnitsCompleted), top);
  }

  private static double perUnit(long appends, long units) {
    return units == 0 ? Double.NaN : (double) appends / units;
  }
}
