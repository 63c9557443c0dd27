package dev.krako.topology.trust;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Event;
import dev.krako.avro.Substrate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dedupe store remembers an id for the horizon after the newest counted event, with one
 * changelog record per id and none when it forgets (ADR 023); the dedupe stores of the layout
 * before it still count until they are drained.
 */
class TrustDedupeHorizonTest {

  private static final String NODE = "cpu-node-1";
  private static final long HOUR = Duration.ofHours(1).toMillis();

  @TempDir Path stateDir;

  private TrustHarness trust;

  @BeforeEach
  void start() {
    TrustConfig oneHour =
        new TrustConfig(
            TOPICS, Duration.ofHours(1), Duration.ofMinutes(1), 1, Duration.ofSeconds(1));
    trust = new TrustHarness(stateDir, oneHour, T0.plus(Duration.ofHours(3)), Map.of());
  }

  @AfterEach
  void stop() {
    trust.close();
  }

  @Test
  void anIdIsRememberedUntilItIsMoreThanTheHorizonOlderThanTheNewestId() {
    List<Event> log = completions(0, HOUR / 6, HOUR, HOUR + 1);
    trust.pipe(log.subList(0, 3));
    assertThat(trust.dedupeKeys())
        .as("the cutoff itself is kept")
        .containsExactlyInAnyOrder(id(log, 0), id(log, 1), id(log, 2));

    trust.pipe(log.subList(3, 4));

    assertThat(trust.dedupeKeys()).containsExactlyInAnyOrder(id(log, 1), id(log, 2), id(log, 3));
  }

  @Test
  void eachCountedIdIsOneChangelogRecordAndForgettingItWritesNone() {
    List<Event> log = completions(0, HOUR / 6, HOUR / 2, 2 * HOUR);
    trust.pipe(log.subList(0, 3)).pipe(log.subList(0, 3)).pipe(log.subList(3, 4));
    scan();

    assertThat(trust.node(NODE).getCompleted()).isEqualTo(4);
    assertThat(trust.dedupeKeys()).containsExactly(id(log, 3));
    List<TestRecord<byte[], byte[]>> changelog = changelog(TrustNames.DEDUPE_STORE);
    assertThat(changelog).hasSize(4);
    assertThat(changelog).allSatisfy(r -> assertThat(r.value()).isNotNull());
    assertThat(changelog(TrustNames.RETIRED_SEEN_STORE)).isEmpty();
    assertThat(changelog(TrustNames.RETIRED_SEEN_EXPIRY_STORE)).isEmpty();
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
    assertThat(trust.dedupeKeys()).hasSize(2);
  }

  @Test
  void anIdCountedBeforeTheUpgradeStaysCountedUntilItLeavesTheHorizonThenItsStoresAreEmpty() {
    // What the layout before ADR 023 left in its stores: the first event, counted at T0.
    List<Event> log = completions(0, 2 * HOUR);
    long t0 = T0.toEpochMilli();
    trust.retiredSeenStore().put(id(log, 0), t0);
    trust.retiredExpiryStore().put(String.format("%019d|%s", t0, id(log, 0)), id(log, 0));

    trust.pipe(log.subList(0, 1));
    assertThat(trust.table()).as("counted before the upgrade").isEmpty();

    trust.pipe(log.subList(1, 2));
    scan();
    trust.pipe(log.subList(0, 1));

    assertThat(trust.node(NODE).getCompleted())
        .as("forgotten two hours later, as the old layout forgot it")
        .isEqualTo(2);
    assertThat(trust.retiredSeenStore().get(id(log, 0))).isNull();
    try (var index = trust.retiredExpiryStore().all()) {
      assertThat(index.hasNext()).isFalse();
    }
  }

  private void scan() {
    trust.driver().advanceWallClockTime(Duration.ofMinutes(1));
  }

  private List<TestRecord<byte[], byte[]>> changelog(String store) {
    return trust
        .driver()
        .createOutputTopic(
            TrustHarness.APPLICATION_ID + "-" + store + "-changelog",
            Serdes.ByteArray().deserializer(),
            Serdes.ByteArray().deserializer())
        .readRecordsToList();
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
}
