package dev.krako.cli;

import dev.krako.avro.LedgerEntry;
import dev.krako.billing.LedgerLine;
import dev.krako.cli.LogReadException.Reason;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import dev.krako.topology.billing.LedgerCodec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Replays a deployment's event log into a fresh billing topology and compares what it bills with
 * the live ledger. The end offsets of both topics are taken together at the start, so the two sides
 * are read as of one moment; a live billing application that had not yet billed the newest events
 * then shows as a mismatch (replay a quiet system).
 */
final class LedgerReplay {

  private LedgerReplay() {}

  static ReplayReport run(String bootstrapServers, TopicNames names, Duration timeout)
      throws LogReadException, IOException {
    KrakoTopics topics = new KrakoTopics(names);
    try (LogSnapshotReader reader = new LogSnapshotReader(bootstrapServers, timeout)) {
      LogSnapshotReader.Snapshot events = reader.snapshot(names.events());
      LogSnapshotReader.Snapshot ledger = reader.snapshot(names.ledger());
      // The topology starts only once the broker has answered: no broker is a quick answer.
      try (BillingReplay billing = BillingReplay.fresh(topics)) {
        long eventsRead = reader.read(events, billing::feed);
        List<LedgerLine> live = readLedger(reader, ledger, topics);
        return new ReplayReport(
            names.events(),
            events.partitions().size(),
            eventsRead,
            names.ledger(),
            billing.state(),
            BillingState.ofLedger(live));
      }
    }
  }

  /** The live ledger as it is now, in partition order. */
  static List<LedgerLine> liveLedger(String bootstrapServers, TopicNames names, Duration timeout)
      throws LogReadException {
    KrakoTopics topics = new KrakoTopics(names);
    try (LogSnapshotReader reader = new LogSnapshotReader(bootstrapServers, timeout)) {
      return readLedger(reader, reader.snapshot(names.ledger()), topics);
    }
  }

  private static List<LedgerLine> readLedger(
      LogSnapshotReader reader, LogSnapshotReader.Snapshot ledger, KrakoTopics topics)
      throws LogReadException {
    Deserializer<LedgerEntry> entries = topics.ledger().valueSerde().deserializer();
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    reader.read(ledger, records::add);
    List<LedgerLine> lines = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      try {
        lines.add(LedgerCodec.toDomain(entries.deserialize(r.topic(), r.value())));
      } catch (RuntimeException e) {
        throw new LogReadException(
            Reason.UNREADABLE,
            "the record at "
                + r.topic()
                + "-"
                + r.partition()
                + "@"
                + r.offset()
                + " is not a ledger entry: "
                + e.getMessage(),
            e);
      }
    }
    return lines;
  }
}
