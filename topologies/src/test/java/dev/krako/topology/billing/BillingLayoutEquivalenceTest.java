package dev.krako.topology.billing;

import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Event;
import dev.krako.avro.LedgerEntry;
import dev.krako.avro.Wallet;
import dev.krako.schemas.AvroSerdes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layout of ADR 019 (wallets and the ledger view read {@code krako.ledger}; no {@code
 * ledger-by-tenant} repartition) bills exactly what the layout before it billed: a recorded mixed
 * event log gives the same ledger records, in the same order, and the same wallet and session-total
 * store records, byte for byte. The expected bytes, {@code billing/layout-before-adr-019.txt}, were
 * written by the topology of commit 42ec5db (two repartitions) from this same log, and are never
 * regenerated: a difference is a change of what billing writes.
 */
class BillingLayoutEquivalenceTest {

  static final String RECORDED = "/billing/layout-before-adr-019.txt";

  @TempDir Path stateDir;

  @Test
  void theRecordedMixedLogGivesTheSameLedgerAndWalletBytesAsTheLayoutBefore() throws IOException {
    try (BillingHarness billing = new BillingHarness(stateDir)) {
      billing.pipe(mixedLog());

      assertThat(bytesOf(billing)).isEqualTo(recorded());
    }
  }

  /**
   * The scenario's sessions and eight random ones (three tenants, retries, late completions, model
   * calls that fail, unknown tiers), interleaved with redeliveries; seeded, so always the same log.
   */
  static List<Event> mixedLog() {
    Random random = new Random(20_261_127);
    List<List<Event>> sessions = new ArrayList<>(BillingScenario.sessions());
    for (int s = 0; s < 8; s++) {
      sessions.add(
          BillingReplayProperties.session(random, "tenant-" + random.nextInt(3), "req-mix-" + s));
    }
    return BillingEventLog.interleave(sessions, random, 25);
  }

  /** One line per ledger record in the order written, then per wallet and session-total record. */
  static String bytesOf(BillingHarness billing) {
    Serializer<LedgerEntry> entries = TOPICS.ledger().valueSerde().serializer();
    Serializer<Wallet> wallets = AvroSerdes.of(Wallet.class).serializer();
    StringBuilder out = new StringBuilder();
    for (LedgerEntry e : billing.ledger()) {
      out.append("ledger ")
          .append(e.getTenantId())
          .append(' ')
          .append(hex(entries.serialize(TOPICS.ledger().name(), e)))
          .append('\n');
    }
    append(out, "wallet", billing.walletStore(), wallets);
    append(out, "session", billing.sessionStore(), wallets);
    return out.toString();
  }

  private static void append(
      StringBuilder out, String kind, KeyValueStore<String, Wallet> store, Serializer<Wallet> s) {
    try (KeyValueIterator<String, Wallet> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, Wallet> kv = it.next();
        out.append(kind)
            .append(' ')
            .append(kv.key)
            .append(' ')
            .append(hex(s.serialize("wallets", kv.value)))
            .append('\n');
      }
    }
  }

  private static String recorded() throws IOException {
    try (InputStream in = BillingLayoutEquivalenceTest.class.getResourceAsStream(RECORDED)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
