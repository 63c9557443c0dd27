import com.sun.tools.attach.VirtualMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The requests a running Kafka broker handled in a window, by type: how many a second, and the
 * time its request handler threads spent on them (the broker's own RequestMetrics, read over a
 * local JMX connection that this attaches to the broker's JVM).
 *
 * <pre>
 * java --add-modules jdk.attach BrokerRequests.java BROKER_PID SECONDS [WORK_UNITS_PER_SECOND]
 * </pre>
 *
 * With the third argument it also prints each type's requests per WorkUnit. A consumer's fetch is
 * counted once, as {@code Fetch} (the broker also counts it as {@code FetchConsumer}). {@code krako
 * bench} reads the same counters for every step ({@code dev.krako.cli.bench.BrokerRequests}).
 */
public final class BrokerRequests {

  private record Reading(double count, double localTimeMsTotal) {}

  public static void main(String[] args) throws Exception {
    String pid = args[0];
    int seconds = Integer.parseInt(args[1]);
    double unitsPerSecond = args.length > 2 ? Double.parseDouble(args[2]) : 0;
    VirtualMachine vm = VirtualMachine.attach(pid);
    String address = vm.startLocalManagementAgent();
    vm.detach();
    try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      Map<String, Reading> before = read(server);
      long start = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      Map<String, Reading> after = read(server);
      double elapsed = (System.nanoTime() - start) / 1e9;
      List<String[]> rows = new ArrayList<>();
      double totalRate = 0;
      double totalCores = 0;
      for (Map.Entry<String, Reading> e : after.entrySet()) {
        Reading b = before.getOrDefault(e.getKey(), new Reading(0, 0));
        double rate = (e.getValue().count() - b.count()) / elapsed;
        double handlerCores =
            (e.getValue().localTimeMsTotal() - b.localTimeMsTotal()) / 1000 / elapsed;
        if (rate < 0.05) {
          continue;
        }
        totalRate += rate;
        totalCores += handlerCores;
        rows.add(
            new String[] {
              e.getKey(),
              String.format("%.1f", rate),
              unitsPerSecond > 0 ? String.format("%.2f", rate / unitsPerSecond) : "",
              String.format("%.3f", handlerCores)
            });
      }
      rows.sort((x, y) -> Double.compare(Double.parseDouble(y[1]), Double.parseDouble(x[1])));
      System.out.printf(
          "%-28s %10s %12s %16s%n", "request", "per second", "per WorkUnit", "handler time, s/s");
      for (String[] r : rows) {
        System.out.printf("%-28s %10s %12s %16s%n", (Object[]) r);
      }
      System.out.printf(
          "%-28s %10.1f %12s %16.3f%n",
          "all",
          totalRate,
          unitsPerSecond > 0 ? String.format("%.2f", totalRate / unitsPerSecond) : "",
          totalCores);
    }
  }

  /**
   * Count of RequestsPerSec and the total of LocalTimeMs (time in a request handler thread) per
   * request type, summed over the versions of each type.
   */
  private static Map<String, Reading> read(MBeanServerConnection server) throws Exception {
    Map<String, Reading> byType = new TreeMap<>();
    for (ObjectName name :
        server.queryNames(
            new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
      String type = name.getKeyProperty("request");
      if (type.equals("FetchConsumer") || type.equals("FetchFollower")) {
        continue; // the broker counts these fetches under Fetch as well
      }
      double count = ((Number) server.getAttribute(name, "Count")).doubleValue();
      byType.merge(type, new Reading(count, 0), (a, b) -> new Reading(a.count() + b.count(), 0));
    }
    for (ObjectName name :
        server.queryNames(
            new ObjectName("kafka.network:type=RequestMetrics,name=LocalTimeMs,*"), null)) {
      String type = name.getKeyProperty("request");
      double count = ((Number) server.getAttribute(name, "Count")).doubleValue();
      double mean = ((Number) server.getAttribute(name, "Mean")).doubleValue();
      Reading r = byType.getOrDefault(type, new Reading(0, 0));
      byType.put(type, new Reading(r.count(), r.localTimeMsTotal() + count * mean));
    }
    return byType;
  }
}
