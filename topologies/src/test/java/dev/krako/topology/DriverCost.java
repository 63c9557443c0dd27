package dev.krako.topology;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * What a topology writes and spends per WorkUnit in the TopologyTestDriver, for the cost
 * measurements of capacity and trust: the records it produced to every topic (changelogs and
 * repartitions included) and the CPU time of the driver thread, over a measured run that follows a
 * warm-up.
 */
public final class DriverCost {

  private DriverCost() {}

  /**
   * Runs {@code warmUp}, drains what it produced, runs {@code measured} over {@code units} units
   * and returns the report: records per unit per topic, their total, and CPU per unit.
   */
  public static String measure(
      String what, TopologyTestDriver driver, Runnable warmUp, Runnable measured, int units) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    warmUp.run();
    produced(driver);
    long cpu = threads.getCurrentThreadCpuTime();
    measured.run();
    long cpuNs = threads.getCurrentThreadCpuTime() - cpu;
    StringBuilder report = new StringBuilder();
    report.append(String.format("%s cost over %,d units%n", what, units));
    long total = 0;
    for (Map.Entry<String, Long> topic : produced(driver).entrySet()) {
      long records = topic.getValue();
      total += records;
      report.append(
          String.format("  %-60s %8.3f records/unit%n", topic.getKey(), (double) records / units));
    }
    report.append(String.format("  %-60s %8.3f records/unit%n", "total", (double) total / units));
    report.append(String.format("  CPU %.1f µs/unit%n", cpuNs / 1_000.0 / units));
    return report.toString();
  }

  /** Records produced per topic since the last call: reading them drains the driver's outputs. */
  private static Map<String, Long> produced(TopologyTestDriver driver) {
    Map<String, Long> counts = new TreeMap<>();
    for (String topic : driver.producedTopicNames()) {
      long n =
          driver
              .createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
              .readRecordsToList()
              .size();
      counts.put(topic, n);
    }
    return counts;
  }
}
