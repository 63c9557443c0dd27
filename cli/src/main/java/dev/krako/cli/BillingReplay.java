package dev.krako.cli;

import dev.krako.avro.Event;
import dev.krako.avro.LedgerEntry;
import dev.krako.avro.Wallet;
import dev.krako.billing.Balance;
import dev.krako.billing.LedgerLine;
import dev.krako.streams.StreamsSettings;
import dev.krako.topics.KrakoTopics;
import dev.krako.topology.billing.BillingConfig;
import dev.krako.topology.billing.BillingNames;
import dev.krako.topology.billing.BillingTopology;
import dev.krako.topology.billing.LedgerCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A fresh billing application in this process: the real {@link BillingTopology} with the default
 * {@link BillingConfig} and the production Streams settings (exactly-once, the dead-letter
 * handlers), in a {@link TopologyTestDriver} over an empty state directory. Feed it events; {@link
 * #state()} gives the ledger it wrote and its wallet and session-total stores.
 *
 * <p>The driver's wall clock stays at the epoch. The dedupe store keeps a key at its event time
 * capped at the wall clock (ADR 023), so every key is kept at time 0 and none leaves the horizon: a
 * replay forgets no dedupe key, like a fresh application within its horizon (docs/billing.md).
 */
final class BillingReplay implements AutoCloseable {

  static final String APPLICATION_ID = BillingNames.APPLICATION_ID + "-replay";

  private final KrakoTopics topics;
  private final Path stateDir;
  private final TopologyTestDriver driver;
  private final TestInputTopic<byte[], byte[]> events;
  private final TestOutputTopic<String, LedgerEntry> ledger;
  private final List<LedgerLine> written = new ArrayList<>();

  private BillingReplay(KrakoTopics topics, Path stateDir) {
    this.topics = topics;
    this.stateDir = stateDir;
    StreamsSettings settings =
        new StreamsSettings(
            APPLICATION_ID,
            "in-process:0",
            stateDir,
            topics.names().deadLetter(),
            "billing-replay",
            Map.of());
    this.driver =
        new TopologyTestDriver(
            BillingTopology.build(BillingConfig.defaults(topics)),
            settings.toProperties(),
            Instant.EPOCH);
    this.events =
        driver.createInputTopic(
            topics.events().name(), new ByteArraySerializer(), new ByteArraySerializer());
    this.ledger =
        driver.createOutputTopic(
            topics.ledger().name(),
            topics.ledger().keySerde().deserializer(),
            topics.ledger().valueSerde().deserializer());
  }

  /** A billing application that has seen nothing yet, in a new temporary state directory. */
  static BillingReplay fresh(KrakoTopics topics) throws IOException {
    return new BillingReplay(topics, Files.createTempDirectory("krako-replay-"));
  }

  /** One event as the orchestrator and the workers write it: keyed by its session id. */
  void feed(Event e) {
    byte[] key =
        e.getSessionId() == null ? null : e.getSessionId().getBytes(StandardCharsets.UTF_8);
    byte[] value = topics.events().valueSerde().serializer().serialize(topics.events().name(), e);
    events.pipeInput(new TestRecord<>(key, value, e.getTimestamp()));
  }

  /** One record of the event log as stored: its bytes, headers and timestamp. */
  void feed(ConsumerRecord<byte[], byte[]> record) {
    events.pipeInput(
        new TestRecord<>(
            record.key(),
            record.value(),
            record.headers(),
            Instant.ofEpochMilli(record.timestamp())));
  }

  /** Every ledger entry written so far, and the wallet stores as they are now. */
  BillingState state() {
    ledger.readValuesToList().forEach(entry -> written.add(LedgerCodec.toDomain(entry)));
    List<Balance> wallets = new ArrayList<>();
    KeyValueStore<String, ValueAndTimestamp<Wallet>> tenants =
        driver.getTimestampedKeyValueStore(BillingNames.WALLETS_STORE);
    try (KeyValueIterator<String, ValueAndTimestamp<Wallet>> it = tenants.all()) {
      it.forEachRemaining(kv -> wallets.add(LedgerCodec.toDomain(kv.value.value())));
    }
    KeyValueStore<String, Wallet> sessions =
        driver.getKeyValueStore(BillingNames.SESSION_TOTALS_STORE);
    try (KeyValueIterator<String, Wallet> it = sessions.all()) {
      it.forEachRemaining(kv -> wallets.add(LedgerCodec.toDomain(kv.value)));
    }
    return new BillingState(written, wallets);
  }

  @Override
  public void close() {
    try {
      driver.close();
    } finally {
      deleteStateDir();
    }
  }

  private void deleteStateDir() {
    try (Stream<Path> files = Files.walk(stateDir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete the replay's state in " + stateDir, e);
    }
  }
}
