package dev.krako.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class BrokerRequestsTest {

  /** The shape of a broker's Yammer meter and histogram, as far as the count goes. */
  public interface MeterMBean {
    long getCount();
  }

  public static final class Meter implements MeterMBean {
    private final long count;

    Meter(long count) {
      this.count = count;
    }

    @Override
    public long getCount() {
      return count;
    }
  }

  @Test
  void countsEachRequestTypeOverItsVersionsAndLeavesOutFetchsAliasesAndOtherMetrics()
      throws Exception {
    MBeanServer server = MBeanServerFactory.newMBeanServer();
    register(server, "name=RequestsPerSec,request=Produce,version=9", 10);
    register(server, "name=RequestsPerSec,request=Produce,version=11", 5);
    register(server, "name=RequestsPerSec,request=Fetch,version=17", 7);
    // The broker counts a consumer's fetch under both names.
    register(server, "name=RequestsPerSec,request=FetchConsumer,version=17", 7);
    register(server, "name=RequestsPerSec,request=EndTxn,version=5", 3);
    // A histogram of the same group has a count too: not requests.
    register(server, "name=LocalTimeMs,request=Produce", 1_000);

    assertThat(BrokerRequests.counts(server))
        .containsExactly(
            Map.entry("EndTxn", 3L), Map.entry("Fetch", 7L), Map.entry("Produce", 15L));
  }

  @Test
  void aBrokerWithoutRequestMetersHasNoCounts() throws Exception {
    assertThat(BrokerRequests.counts(MBeanServerFactory.newMBeanServer())).isEmpty();
  }

  @Test
  void ratesAreWhatEachTypeGrewByPerSecondAndTypesThatDidNotGrowAreLeftOut() {
    Map<String, Double> rates =
        BrokerRequests.perSecond(
            Map.of("Produce", 10L, "Heartbeat", 4L),
            Map.of("Produce", 30L, "Heartbeat", 4L, "EndTxn", 4L),
            2.0);

    assertThat(rates).containsOnlyKeys("Produce", "EndTxn");
    assertThat(rates.get("Produce")).isCloseTo(10.0, within(1e-9));
    assertThat(rates.get("EndTxn")).isCloseTo(2.0, within(1e-9));
    assertThat(BrokerRequests.perSecond(Map.of(), Map.of("Produce", 1L), 0)).isEmpty();
  }

  @Test
  void aStepsUsageSaysItsRequestsAndTransactionsOrNaNWhenUnknown() {
    Usage usage =
        new Usage(java.util.List.of(), 1.0, 1.0, Map.of("Produce", 300.0, "EndTxn", 150.0));

    assertThat(usage.brokerRequestsTotalPerSec()).isCloseTo(450.0, within(1e-9));
    assertThat(usage.transactionsPerSec()).isCloseTo(150.0, within(1e-9));
    assertThat(Usage.NONE.brokerRequestsTotalPerSec()).isNaN();
    assertThat(Usage.NONE.transactionsPerSec()).isNaN();
  }

  private static void register(MBeanServer server, String keys, long count) throws Exception {
    server.registerMBean(
        new Meter(count), new ObjectName("kafka.network:type=RequestMetrics," + keys));
  }
}
