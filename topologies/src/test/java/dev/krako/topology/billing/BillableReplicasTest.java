package dev.krako.topology.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.avro.ReplicaVote;
import dev.krako.avro.Substrate;
import dev.krako.avro.Usage;
import dev.krako.avro.VerificationVerdict;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.billing.Billable;
import dev.krako.events.EventTypes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the replicas of a verified unit and their verdict bill (docs/billing.md). */
class BillableReplicasTest {

  private static Event completed(Integer replica, VerificationVerdict verdict) {
    return Event.newBuilder()
        .setEventId("e-" + replica + "-" + (verdict != null))
        .setEventType(EventTypes.UNIT_COMPLETED)
        .setTimestamp(Instant.parse("2026-01-01T00:00:00Z"))
        .setTenantId("tenant-a")
        .setGraphId("g-1")
        .setSessionId("s-1")
        .setWorkUnitId("a")
        .setAttemptIndex(0)
        .setReplicaIndex(replica)
        .setVerification(verdict)
        .setSource(new EventSource("worker", "n1"))
        .setPayload(new WorkUnitCompleted("n1", Substrate.cpu, "{}", 5L, new Usage(40L, 0L, 0L, 0)))
        .build();
  }

  @Test
  void everyReplicaBillsItsCpuTimeOnceUnderItsOwnKey() {
    Optional<Billable> r0 = BillableEvents.of(completed(0, null));
    Optional<Billable> r2 = BillableEvents.of(completed(2, null));

    assertThat(r0).get().extracting(Billable::dedupeKey).isEqualTo("cpu|s-1|a|r0");
    assertThat(r2).get().extracting(Billable::dedupeKey).isEqualTo("cpu|s-1|a|r2");
    assertThat(((Billable.CpuTime) r2.get()).cpuMs()).isEqualTo(40L);
  }

  @Test
  void theVerdictBillsNothingAndAnUnreplicatedUnitKeepsItsKey() {
    VerificationVerdict verdict =
        new VerificationVerdict("quorum", List.of(new ReplicaVote(0, "n1", "agreed")));

    assertThat(BillableEvents.of(completed(null, verdict))).isEmpty();
    assertThat(BillableEvents.of(completed(null, null)))
        .get()
        .extracting(Billable::dedupeKey)
        .isEqualTo("cpu|s-1|a");
  }
}
