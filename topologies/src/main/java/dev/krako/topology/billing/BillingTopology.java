package dev.krako.topology.billing;

import dev.krako.avro.Event;
import dev.krako.avro.LedgerEntry;
import dev.krako.avro.Wallet;
import dev.krako.schemas.AvroSerdes;
import dev.krako.schemas.EventsOfTypes;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.Topic;
import dev.krako.topology.dedupe.DedupeKeys;
import dev.krako.topology.dedupe.RetiredKeys;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The billing topology (application {@code krako-billing}): it turns the event log into an
 * append-only ledger, billing each completed CPU unit and each completed model invocation exactly
 * once, and folds the ledger into wallets. It reads nothing but the event log, so replaying the log
 * into a fresh application rebuilds the same ledger and wallets (docs/billing.md).
 *
 * <ul>
 *   <li>Input topics: {@code krako.events} (Event, keyed by session id; only {@code
 *       workunit.completed} on a CPU pool and {@code llm.invocation.completed} bill anything), and
 *       {@code krako.ledger} read back for the wallets and the ledger view (ADR 019).
 *   <li>Output topic: {@code krako.ledger} (LedgerEntry, keyed by tenant id, append-only).
 *   <li>Internal topics: none but the changelogs.
 *   <li>Stores, all with changelogs: {@code billing-dedupe} (a window store: dedupe key at its
 *       event time → event time, ADR 023), {@code billing-seen} and {@code billing-seen-expiry}
 *       (the dedupe stores before ADR 023, drained), {@code billing-tenant-wallets} (tenant id →
 *       Wallet, the fold of {@code krako.ledger}), {@code billing-tenant-session-balances} ({@code
 *       tenant|session} → Wallet) and {@code billing-ledger-entries} ({@code tenant|event
 *       time|entry id} → LedgerEntry, a view for the query API), all three partitioned by tenant id
 *       (ADR 030).
 * </ul>
 */
public final class BillingTopology {

  private BillingTopology() {}

  public static Topology build(BillingConfig config) {
    KrakoTopics topics = config.topics();
    Topic<String, Event> events = topics.events();
    Topic<String, LedgerEntry> ledgerTopic = topics.ledger();
    Serde<Wallet> wallets = AvroSerdes.of(Wallet.class);
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(DedupeKeys.store(BillingNames.DEDUPE_STORE, config.dedupeRetention()));
    builder.addStateStore(RetiredKeys.seenStore(BillingNames.RETIRED_SEEN_STORE));
    builder.addStateStore(RetiredKeys.expiryStore(BillingNames.RETIRED_SEEN_EXPIRY_STORE));

    builder.stream(
            events.name(),
            Consumed.with(events.keySerde(), EventsOfTypes.serde(BillableEvents.TYPES))
                .withName(BillingNames.EVENTS_SOURCE))
        .process(
            () -> new MeterProcessor(config),
            Named.as(BillingNames.METER),
            BillingNames.DEDUPE_STORE,
            BillingNames.RETIRED_SEEN_STORE,
            BillingNames.RETIRED_SEEN_EXPIRY_STORE)
        .to(
            ledgerTopic.name(),
            Produced.with(ledgerTopic.keySerde(), ledgerTopic.valueSerde())
                .withName(BillingNames.LEDGER_SINK));

    // The ledger topic is keyed by tenant id already: the wallets and the ledger view read it back
    // instead of a repartition topic holding the same records (ADR 019).
    KStream<String, LedgerEntry> ledger =
        builder.stream(
            ledgerTopic.name(),
            Consumed.with(ledgerTopic.keySerde(), ledgerTopic.valueSerde())
                .withName(BillingNames.LEDGER_SOURCE));
    ledger
        .groupByKey(Grouped.with(Serdes.String(), ledgerTopic.valueSerde()))
        .aggregate(
            WalletFold::none,
            WalletFold::addToTenant,
            Named.as(BillingNames.WALLETS_AGGREGATE),
            Materialized.<String, Wallet, KeyValueStore<Bytes, byte[]>>as(
                    BillingNames.WALLETS_STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(wallets));
    // The ledger store sits in the wallets' partitions: a tenant's entries and its wallet have one
    // owner, found by the tenant id.
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(BillingNames.LEDGER_ENTRIES_STORE),
            Serdes.String(),
            ledgerTopic.valueSerde()));
    ledger.process(
        () -> new LedgerViewProcessor(config),
        Named.as(BillingNames.LEDGER_VIEW),
        BillingNames.LEDGER_ENTRIES_STORE,
        BillingNames.WALLETS_STORE);
    // Session balances in the tenant's partition too: a session's entries are all there already, so
    // no repartition by tenant|session (ADR 030). Caching keeps it to one changelog record per
    // session and commit.
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(BillingNames.SESSION_TOTALS_STORE),
                Serdes.String(),
                wallets)
            .withCachingEnabled());
    ledger.process(
        SessionTotalsProcessor::new,
        Named.as(BillingNames.SESSION_TOTALS),
        BillingNames.SESSION_TOTALS_STORE);
    return builder.build();
  }
}
