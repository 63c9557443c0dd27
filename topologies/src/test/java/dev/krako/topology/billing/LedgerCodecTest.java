package dev.krako.topology.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krako.avro.LedgerEntry;
import dev.krako.avro.Wallet;
import dev.krako.billing.Balance;
import dev.krako.billing.Billable;
import dev.krako.billing.LedgerLine;
import dev.krako.billing.PriceBookCatalog;
import dev.krako.billing.Pricer;
import dev.krako.billing.SourceEvent;
import dev.krako.billing.Substrate;
import dev.krako.billing.WorkRef;
import dev.krako.schemas.AvroSerdes;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class LedgerCodecTest {

  private static final Pricer PRICER = new Pricer(PriceBookCatalog.bundled());
  private static final Instant AT = Instant.parse("2026-03-01T12:00:00.123Z");

  @Test
  void anEntryAndAWalletSurviveTheWireUnchanged() {
    LedgerLine cpu =
        PRICER.price(
            new Billable.CpuTime(
                new SourceEvent("e-1", "workunit.completed", AT),
                new WorkRef("t", null, "s", "u", 2),
                Substrate.CPU_TRUSTED,
                98_765));
    LedgerLine tokens =
        PRICER.price(
            new Billable.Tokens(
                new SourceEvent("e-2", "llm.invocation.completed", AT),
                new WorkRef("t", "g", "s", "v", 0),
                "m",
                null,
                12,
                34));
    Balance wallet = Balance.ofTenant("t", "USD").plus(cpu).plus(tokens);

    assertThat(viaTheWire(cpu)).isEqualTo(cpu);
    assertThat(viaTheWire(tokens)).isEqualTo(tokens);
    Serde<Wallet> serde = AvroSerdes.of(Wallet.class);
    Wallet decoded =
        serde
            .deserializer()
            .deserialize("w", serde.serializer().serialize("w", LedgerCodec.toAvro(wallet)));
    assertThat(LedgerCodec.toDomain(decoded)).isEqualTo(wallet);
  }

  @Test
  void anEntryWhoseAmountsDoNotAddUpIsRefused() {
    LedgerEntry entry =
        LedgerCodec.toAvro(
            PRICER.price(
                new Billable.CpuTime(
                    new SourceEvent("e-1", "workunit.completed", AT),
                    new WorkRef("t", null, "s", "u", 0),
                    Substrate.CPU,
                    1_000)));
    entry.getQuantities().get(0).put("amount", "1.000000");

    assertThatThrownBy(() -> LedgerCodec.toDomain(entry))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static LedgerLine viaTheWire(LedgerLine line) {
    Serde<LedgerEntry> serde = AvroSerdes.of(LedgerEntry.class);
    byte[] bytes = serde.serializer().serialize("krako.ledger", LedgerCodec.toAvro(line));
    return LedgerCodec.toDomain(serde.deserializer().deserialize("krako.ledger", bytes));
  }
}
