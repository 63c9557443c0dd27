package dev.krako.topology.trust;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;

import dev.krako.avro.DeadLetter;
import dev.krako.avro.Event;
import dev.krako.avro.NodeTrust;
import dev.krako.topics.Topic;
import dev.krako.topology.TopologyTestSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * One trust application in a TopologyTestDriver: events in (keyed as on krako.events), the trust
 * topic out, the stores read back. The driver has one partition of everything, so each node's
 * totals are those of partition 0, merged alone; the merge of several partitions is {@link
 * NodeTrustMergerTest}'s.
 */
final class TrustHarness implements AutoCloseable {

  static final String APPLICATION_ID = TrustNames.APPLICATION_ID + "-test";

  private final TopologyTestDriver driver;
  private final Duration snapshotInterval;
  private final TestInputTopic<String, Event> events;
  private final TestOutputTopic<String, NodeTrust> trust;
  private final List<KeyValue<String, NodeTrust>> trustSoFar = new ArrayList<>();

  TrustHarness(Path stateDir) {
    this(stateDir, TrustConfig.defaults(TOPICS), T0, Map.of());
  }

  /** With Streams settings on top of the production ones. */
  TrustHarness(
      Path stateDir, TrustConfig config, Instant wallClock, Map<String, Object> overrides) {
    Properties properties = TopologyTestSupport.properties(APPLICATION_ID, stateDir);
    properties.putAll(overrides);
    this.driver = new TopologyTestDriver(TrustTopology.build(config), properties, wallClock);
    this.snapshotInterval = config.snapshotInterval();
    Topic<String, Event> topic = TOPICS.events();
    this.events =
        driver.createInputTopic(
            topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    this.trust = output(TOPICS.nodesTrust());
  }

  TopologyTestDriver driver() {
    return driver;
  }

  /**
   * Pipes events keyed by their session id (node events: node id), each at its own time, and after
   * each one advances the wall clock by a snapshot interval, so the node it changed is snapshotted
   * and merged before the next event (the trust topic follows every counted event).
   */
  TrustHarness pipe(List<Event> log) {
    for (Event e : log) {
      events.pipeInput(TrustEventLog.keyOf(e), e, e.getTimestamp());
      driver.advanceWallClockTime(snapshotInterval);
    }
    return this;
  }

  /**
   * Pipes events as {@link #pipe} does, but all before one snapshot: the table and the topic show
   * none of them until {@link #snapshot}.
   */
  TrustHarness pipeBeforeASnapshot(List<Event> log) {
    for (Event e : log) {
      events.pipeInput(TrustEventLog.keyOf(e), e, e.getTimestamp());
    }
    return this;
  }

  /** Advances the wall clock by a snapshot interval: the changed nodes' totals are merged. */
  void snapshot() {
    driver.advanceWallClockTime(snapshotInterval);
  }

  /**
   * Every record written to the trust topic so far, in order, each checked to be keyed by its node
   * id and stamped with its last event time (never the wall clock).
   */
  List<KeyValue<String, NodeTrust>> trustTopic() {
    for (TestRecord<String, NodeTrust> record : trust.readRecordsToList()) {
      if (!record.key().equals(record.value().getNodeId())) {
        throw new AssertionError("A node's trust is keyed by its node id: " + record);
      }
      if (!record.getRecordTime().equals(record.value().getLastEventTime())) {
        throw new AssertionError("A node's trust is stamped with its last event time: " + record);
      }
      trustSoFar.add(KeyValue.pair(record.key(), record.value()));
    }
    return List.copyOf(trustSoFar);
  }

  /** What a compacted trust topic keeps: the latest record of each node, by node id. */
  Map<String, NodeTrust> compactedTrustTopic() {
    Map<String, NodeTrust> latest = new TreeMap<>();
    trustTopic().forEach(kv -> latest.put(kv.key, kv.value));
    return latest;
  }

  NodeTrust node(String nodeId) {
    return nodesStore().get(nodeId);
  }

  /** The whole node trust table, by node id. */
  Map<String, NodeTrust> table() {
    Map<String, NodeTrust> all = new LinkedHashMap<>();
    try (KeyValueIterator<String, NodeTrust> it = nodesStore().all()) {
      it.forEachRemaining(kv -> all.put(kv.key, kv.value));
    }
    return all;
  }

  List<DeadLetter> deadLetters() {
    return output(TOPICS.deadLetter()).readValuesToList();
  }

  /** Pipes raw bytes on the event topic, as a broken producer would. */
  void pipeRaw(String key, byte[] value) {
    driver
        .createInputTopic(
            TOPICS.events().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
        .pipeInput(key, value, T0);
  }

  /** The keys the dedupe store remembers now, in store order. */
  List<String> dedupeKeys() {
    List<String> keys = new ArrayList<>();
    WindowStore<String, Long> store = driver.getWindowStore(TrustNames.DEDUPE_STORE);
    try (KeyValueIterator<Windowed<String>, Long> it = store.all()) {
      it.forEachRemaining(kv -> keys.add(kv.key.key()));
    }
    return keys;
  }

  /** The retired dedupe store (before ADR 023), as an upgraded application restores it. */
  KeyValueStore<String, Long> retiredSeenStore() {
    return driver.getKeyValueStore(TrustNames.RETIRED_SEEN_STORE);
  }

  /** The retired store's index, {@code <event ms, 19 digits>|<key>} → key. */
  KeyValueStore<String, String> retiredExpiryStore() {
    return driver.getKeyValueStore(TrustNames.RETIRED_SEEN_EXPIRY_STORE);
  }

  private KeyValueStore<String, NodeTrust> nodesStore() {
    return driver.getKeyValueStore(TrustNames.NODES_STORE);
  }

  private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
    return driver.createOutputTopic(
        topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  @Override
  public void close() {
    driver.close();
  }
}
