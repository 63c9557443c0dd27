package dev.krako.cli.bench;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The requests the broker has handled since it started, by type: its own {@code
 * kafka.network:type=RequestMetrics,name=RequestsPerSec} counters, read over a local JMX connection
 * that this attaches to the broker's JVM.
 *
 * <p>Why the bench reads them: on one box the broker's CPU follows the number of requests far more
 * than the number of records (session 12 measured 9.3 requests per WorkUnit at 25 sessions/s, about
 * 0.4 ms of broker CPU each, and the broker's share of a run's CPU is half), and most of those
 * requests are a transaction's bookkeeping. A step's requests per WorkUnit say what a change did to
 * that cost without the noise of a CPU figure (docs/performance.md, session 12).
 */
final class BrokerRequests implements AutoCloseable {

  /**
   * Counted under a second name as well as {@code Fetch}: the broker records a fetch from a
   * consumer both as {@code Fetch} and as {@code FetchConsumer} (from a follower, {@code
   * FetchFollower}).
   */
  private static final Set<String> ALIASES = Set.of("FetchConsumer", "FetchFollower");

  /** Ends a transaction: one a second for each transaction the producers committed or aborted. */
  static final String END_TXN = "EndTxn";

  private static final ObjectName REQUESTS = name("kafka.network:type=RequestMetrics,*");

  private final JMXConnector connector;
  private final MBeanServerConnection server;

  private BrokerRequests(JMXConnector connector, MBeanServerConnection server) {
    this.connector = connector;
    this.server = server;
  }

  /**
   * Attaches to the broker's JVM and connects to its management agent (started on the way if it was
   * not running).
   *
   * @throws IOException when the JVM cannot be attached to (another user's, or not a HotSpot JVM)
   */
  static BrokerRequests attach(long pid) throws IOException {
    String address;
    try {
      VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
      try {
        address = vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
    } catch (com.sun.tools.attach.AttachNotSupportedException e) {
      throw new IOException("Cannot attach to the broker's JVM " + pid + ": " + e.getMessage(), e);
    }
    JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
    return new BrokerRequests(connector, connector.getMBeanServerConnection());
  }

  /** The requests handled so far, by type. */
  Map<String, Long> counts() throws IOException {
    return counts(server);
  }

  /**
   * The {@code Count} of every {@code RequestsPerSec} meter, summed over the versions of each
   * request type, the aliases of {@code Fetch} left out.
   */
  static Map<String, Long> counts(MBeanServerConnection server) throws IOException {
    Map<String, Long> byType = new TreeMap<>();
    for (ObjectName meter : server.queryNames(REQUESTS, null)) {
      String type = meter.getKeyProperty("request");
      if (!"RequestsPerSec".equals(meter.getKeyProperty("name"))
          || type == null
          || ALIASES.contains(type)) {
        continue;
      }
      try {
        if (server.getAttribute(meter, "Count") instanceof Number count) {
          byType.merge(type, count.longValue(), Long::sum);
        }
      } catch (JMException e) {
        // unregistered meanwhile, or not a meter: not a count to add
      }
    }
    return byType;
  }

  /** What each type grew by between two readings, per second; types that did not grow left out. */
  static Map<String, Double> perSecond(
      Map<String, Long> before, Map<String, Long> after, double seconds) {
    Map<String, Double> rates = new TreeMap<>();
    if (!(seconds > 0)) {
      return rates;
    }
    after.forEach(
        (type, count) -> {
          long grown = count - before.getOrDefault(type, 0L);
          if (grown > 0) {
            rates.put(type, grown / seconds);
          }
        });
    return rates;
  }

  @Override
  public void close() throws IOException {
    connector.close();
  }

  private static ObjectName name(String pattern) {
    try {
      return new ObjectName(pattern);
    } catch (javax.management.MalformedObjectNameException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
