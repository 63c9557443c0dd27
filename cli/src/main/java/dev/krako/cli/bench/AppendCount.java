package dev.krako.cli.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * What the whole run cost the broker: the sum of the end offsets of every topic of the run (Krako's
 * topics and the applications' changelog and repartition topics, not the yardsticks'), which counts
 * records and transaction markers alike, divided by the WorkUnits the run completed. Unlike a rate
 * it hardly depends on the machine's noise, so it compares builds directly; it does depend on the
 * load, since under load more records share a transaction and its markers.
 */
final class AppendCount {

  private static final int TOP_TOPICS = 12;

  private AppendCount() {}

  static BenchReport.Appends of(Admin admin, String prefix, long workUnitsCompleted)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<String, Long> byTopic = new HashMap<>(EndOffsets.byTopic(admin, prefix));
    byTopic.keySet().removeIf(AppendCount::yardstick);
    long total = byTopic.values().stream().mapToLong(Long::longValue).sum();
    List<BenchReport.TopicAppends> top = new ArrayList<>();
    byTopic.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .limit(TOP_TOPICS)
        .forEach(
            e ->
                top.add(
                    new BenchReport.TopicAppends(
                        e.getKey(), e.getValue(), perUnit(e.getValue(), workUnitsCompleted))));
    return new BenchReport.Appends(
        total, workUnitsCompleted, perUnit(total, workUnitsCompleted), top);
  }

  /** The raw broker's and the contract floor's topics: not Krako's appends. */
  static boolean yardstick(String topic) {
    return topic.startsWith(BenchRun.RAW_TOPIC) || topic.startsWith(BenchRun.FLOOR_TOPIC);
  }

  private static double perUnit(long appends, long units) {
    return units == 0 ? Double.NaN : (double) appends / units;
  }
}
