import com.sun.tools.attach.VirtualMachine;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * How fast a counter attribute of a running JVM's MBeans grew over a window, per MBean: for
 * example how many commits each Kafka Streams thread made a second.
 *
 * <pre>
 * java --add-modules jdk.attach JmxDelta.java PID SECONDS 'kafka.streams:type=stream-thread-metrics,*' commit-total
 * </pre>
 */
public final class JmxDelta {

  public static void main(String[] args) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(args[0]);
    String address = vm.startLocalManagementAgent();
    vm.detach();
    int seconds = Integer.parseInt(args[1]);
    ObjectName pattern = new ObjectName(args[2]);
    String attribute = args[3];
    try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      Map<String, Double> before = read(server, pattern, attribute);
      long start = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      Map<String, Double> after = read(server, pattern, attribute);
      double elapsed = (System.nanoTime() - start) / 1e9;
      double total = 0;
      for (Map.Entry<String, Double> e : after.entrySet()) {
        double rate = (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) / elapsed;
        total += rate;
        System.out.printf("%10.2f/s  %s%n", rate, e.getKey());
      }
      System.out.printf("%10.2f/s  all%n", total);
    }
  }

  private static Map<String, Double> read(
      MBeanServerConnection server, ObjectName pattern, String attribute) throws Exception {
    Map<String, Double> values = new TreeMap<>();
    for (ObjectName name : server.queryNames(pattern, null)) {
      try {
        if (server.getAttribute(name, attribute) instanceof Number n) {
          values.put(name.getCanonicalName(), n.doubleValue());
        }
      } catch (javax.management.AttributeNotFoundException e) {
        // another MBean that the pattern matches: not one of the counters asked for
      }
    }
    return values;
  }
}
