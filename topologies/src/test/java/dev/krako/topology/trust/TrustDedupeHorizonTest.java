package dev.krako.topology.trust;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Event;
import dev.krako.avro.Substrate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dedupe store forgets, in event time and a bounded number per scan, what left the horizon. */
class TrustDedupeHorizonTest {

  private static final String NODE = "cpu-node-1";
  private static final long HOUR = Duration.ofHours(1).toMillis();

  @TempDir Path stateDir;

  private TrustHarness trust;

  @BeforeEach
  void start() {
    TrustConfig oneHour = new TrustConfig(TOPICS, Duration.ofHours(1), Duration.ofMinutes(1), 1);
    trust = new TrustHarness(stateDir, oneHour, T0.plus(Duration.ofHours(3)), Map.of());
  }

  @AfterEach
  void stop() {
    trust.close();
  }

  @Test
  void idsOlderThanTheHorizonAreForgottenOldestFirstOnePerScanHere() {
    List<Event> log = completions(0, HOUR / 6, 2 * HOUR);
    trust.pipe(log);
    assertThat(seenIds()).hasSize(3);

    scan();
    assertThat(seenIds()).containsExactlyInAnyOrder(id(log, 1), id(log, 2));
    scan();
    assertThat(seenIds()).containsExactly(id(log, 2));
    scan();
    assertThat(seenIds()).containsExactly(id(log, 2));
  }

  @Test
  void anEventRedeliveredAfterItsIdWasForgottenCountsAgainOneWithinTheHorizonDoesNot() {
    List<Event> log = completions(0, 2 * HOUR);
    trust.pipe(log);
    scan();

    trust.pipe(log);

    // This is why the retention must cover the longest replay (docs/trust.md).
    assertThat(trust.node(NODE).getCompleted()).isEqualTo(3);
  }

  @Test
  void anEventStampedInTheFutureDoesNotMakeTrustForgetTheRecentPast() {
    // The wall clock is T0+3h: the horizon is measured from it, not from T0+100 days.
    List<Event> log = completions(2 * HOUR + HOUR / 2, Duration.ofDays(100).toMillis());
    trust.pipe(log);
    scan();

    trust.pipe(log.subList(0, 1));

    assertThat(trust.node(NODE).getCompleted()).isEqualTo(2);
    assertThat(seenIds()).hasSize(2);
  }

  private void scan() {
    trust.driver().advanceWallClockTime(Duration.ofMinutes(1));
  }

  /** One completion of the node per time, of units u-0, u-1, … */
  private static List<Event> completions(long... atMs) {
    TrustEventLog log = TrustEventLog.log();
    for (int i = 0; i < atMs.length; i++) {
      log.completed(NODE, Substrate.cpu, TrustEventLog.session(1), "u-" + i, 0, atMs[i]);
    }
    return log.events();
  }

  private static String id(List<Event> log, int i) {
    return log.get(i).getEventId();
  }

  private List<String> seenIds() {
    List<String> ids = new ArrayList<>();
    try (KeyValueIterator<String, Long> it = trust.seenStore().all()) {
      it.forEachRemaining(kv -> ids.add(kv.key));
    }
    return ids;
  }
}
