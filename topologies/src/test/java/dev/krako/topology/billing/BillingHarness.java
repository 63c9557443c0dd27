package dev.krako.topology.billing;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;

import dev.krako.avro.DeadLetter;
import dev.krako.avro.Event;
import dev.krako.avro.LedgerEntry;
import dev.krako.avro.Wallet;
import dev.krako.billing.Balance;
import dev.krako.billing.LedgerDigest;
import dev.krako.billing.LedgerLine;
import dev.krako.topics.Topic;
import dev.krako.topology.TopologyTestSupport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * One billing application in a TopologyTestDriver: events in, the ledger out, the wallet stores
 * read back, and the digest of it all.
 */
final class BillingHarness implements AutoCloseable {

  static final String APPLICATION_ID = BillingNames.APPLICATION_ID + "-test";

  private final TopologyTestDriver driver;
  private final TestInputTopic<String, Event> events;
  private final TestOutputTopic<String, LedgerEntry> ledger;
  private final List<LedgerEntry> ledgerSoFar = new ArrayList<>();

  BillingHarness(Path stateDir) {
    this(stateDir, BillingConfig.defaults(TOPICS), T0);
  }

  BillingHarness(Path stateDir, BillingConfig config, Instant wallClock) {
    this(stateDir, config, wallClock, Map.of());
  }

  /** With Streams settings on top of the production ones. */
  BillingHarness(
      Path stateDir, BillingConfig config, Instant wallClock, Map<String, Object> overrides) {
    Properties properties = TopologyTestSupport.properties(APPLICATION_ID, stateDir);
    properties.putAll(overrides);
    this.driver = new TopologyTestDriver(BillingTopology.build(config), properties, wallClock);
    Topic<String, Event> topic = TOPICS.events();
    this.events =
        driver.createInputTopic(
            topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    this.ledger = output(TOPICS.ledger());
  }

  TopologyTestDriver driver() {
    return driver;
  }

  /** Pipes events keyed by their session id, each with its own timestamp. */
  BillingHarness pipe(List<Event> log) {
    for (Event e : log) {
      events.pipeInput(e.getSessionId(), e, e.getTimestamp());
    }
    return this;
  }

  /** Every ledger entry written so far, with its key. */
  List<LedgerEntry> ledger() {
    List<KeyValue<String, LedgerEntry>> records = ledger.readKeyValuesToList();
    for (KeyValue<String, LedgerEntry> record : records) {
      if (!record.key.equals(record.value.getTenantId())) {
        throw new AssertionError("A ledger entry is keyed by its tenant: " + record);
      }
      ledgerSoFar.add(record.value);
    }
    return List.copyOf(ledgerSoFar);
  }

  List<LedgerLine> ledgerLines() {
    return ledger().stream().map(LedgerCodec::toDomain).toList();
  }

  Wallet wallet(String tenant) {
    return walletStore().get(tenant);
  }

  Wallet sessionTotal(String tenant, String session) {
    return sessionStore().get(WalletFold.sessionKey(tenant, session));
  }

  /** Every tenant wallet and every session total. */
  List<Balance> wallets() {
    List<Balance> all = new ArrayList<>(tenantWallets());
    all.addAll(sessionTotals());
    return all;
  }

  List<Balance> tenantWallets() {
    return values(walletStore());
  }

  List<Balance> sessionTotals() {
    return values(sessionStore());
  }

  String digest() {
    return LedgerDigest.of(ledgerLines(), wallets());
  }

  String canonicalText() {
    return LedgerDigest.canonicalText(ledgerLines(), wallets());
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

  /** The ledger store, every key in order. */
  List<KeyValue<String, LedgerEntry>> ledgerStore() {
    List<KeyValue<String, LedgerEntry>> all = new ArrayList<>();
    KeyValueStore<String, LedgerEntry> store =
        driver.getKeyValueStore(BillingNames.LEDGER_ENTRIES_STORE);
    try (KeyValueIterator<String, LedgerEntry> it = store.all()) {
      it.forEachRemaining(all::add);
    }
    return all;
  }

  /** The keys the dedupe store remembers now, in store order. */
  List<String> dedupeKeys() {
    List<String> keys = new ArrayList<>();
    WindowStore<String, Long> store = driver.getWindowStore(BillingNames.DEDUPE_STORE);
    try (KeyValueIterator<Windowed<String>, Long> it = store.all()) {
      it.forEachRemaining(kv -> keys.add(kv.key.key()));
    }
    return keys;
  }

  /** The dedupe store, to read an entry's window start and value. */
  WindowStore<String, Long> dedupeStore() {
    return driver.getWindowStore(BillingNames.DEDUPE_STORE);
  }

  /** The retired dedupe store (before ADR 023), as an upgraded application restores it. */
  KeyValueStore<String, Long> retiredSeenStore() {
    return driver.getKeyValueStore(BillingNames.RETIRED_SEEN_STORE);
  }

  /** The retired store's index, {@code <event ms, 19 digits>|<key>} → key. */
  KeyValueStore<String, String> retiredExpiryStore() {
    return driver.getKeyValueStore(BillingNames.RETIRED_SEEN_EXPIRY_STORE);
  }

  KeyValueStore<String, Wallet> walletStore() {
    return driver.getKeyValueStore(BillingNames.WALLETS_STORE);
  }

  KeyValueStore<String, Wallet> sessionStore() {
    return driver.getKeyValueStore(BillingNames.SESSION_TOTALS_STORE);
  }

  private static List<Balance> values(KeyValueStore<String, Wallet> store) {
    List<Balance> values = new ArrayList<>();
    try (KeyValueIterator<String, Wallet> it = store.all()) {
      it.forEachRemaining(kv -> values.add(LedgerCodec.toDomain(kv.value)));
    }
    return values;
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
