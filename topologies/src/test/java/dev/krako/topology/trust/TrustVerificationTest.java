package dev.krako.topology.trust;

import static dev.krako.topology.TopologyTestSupport.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.avro.NodeTrust;
import dev.krako.avro.ReplicaVote;
import dev.krako.avro.Substrate;
import dev.krako.avro.Usage;
import dev.krako.avro.VerificationVerdict;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The votes of the orchestrator's verdicts on replicas, as node trust counts and scores them. */
class TrustVerificationTest {

  private static final String SESSION = TrustEventLog.session(1);
  private static final Usage CPU = new Usage(3L, 0L, 0L, 0);

  @TempDir Path stateDir;

  private static Event event(
      String id, String type, Integer replica, EventSource source, SpecificRecord payload) {
    return Event.newBuilder()
        .setEventId(id)
        .setEventType(type)
        .setTimestamp(T0.plusMillis(10))
        .setTenantId(TrustEventLog.TENANT)
        .setGraphId("g-1")
        .setSessionId(SESSION)
        .setWorkUnitId("a")
        .setAttemptIndex(0)
        .setReplicaIndex(replica)
        .setSource(source)
        .setPayload(payload)
        .build();
  }

  private static Event replicaCompleted(int replica, String node, String output) {
    return event(
        EventIds.replicaEventId(SESSION, "a", 0, replica, EventTypes.UNIT_COMPLETED),
        EventTypes.UNIT_COMPLETED,
        replica,
        new EventSource("worker", node),
        new WorkUnitCompleted(node, Substrate.cpu, output, 3L, CPU));
  }

  private static Event verdict(String... votes) {
    List<ReplicaVote> replicas = new ArrayList<>();
    for (int i = 0; i < votes.length; i++) {
      replicas.add(new ReplicaVote(i, "n" + (i + 1), votes[i]));
    }
    Event e =
        event(
            EventIds.eventId(SESSION, "a", 0, EventTypes.UNIT_COMPLETED),
            EventTypes.UNIT_COMPLETED,
            null,
            new EventSource("orchestrator", "o-1"),
            new WorkUnitCompleted("n2", Substrate.cpu, "{\"v\":1}", 9L, new Usage(9L, 0L, 0L, 0)));
    return Event.newBuilder(e).setVerification(new VerificationVerdict("quorum", replicas)).build();
  }

  @Test
  void theOddReplicasNodeLosesTrustAndTheAgreeingNodesGainIt() {
    try (TrustHarness h = new TrustHarness(stateDir)) {
      h.pipe(
          List.of(
              replicaCompleted(0, "n1", "{\"v\":0}"),
              replicaCompleted(1, "n2", "{\"v\":1}"),
              replicaCompleted(2, "n3", "{\"v\":1}"),
              verdict("disagreed", "agreed", "agreed")));

      NodeTrust odd = h.node("n1");
      assertThat(odd.getCompleted()).isEqualTo(1);
      assertThat(odd.getVerificationDisagreements()).isEqualTo(1);
      assertThat(odd.getVerificationAgreements()).isZero();
      assertThat(odd.getScore()).isEqualTo("0.2500"); // (0 + 1) ÷ (0 + 2 + 2)
      assertThat(odd.getScoreVersion()).isEqualTo("v2");
      for (String node : List.of("n2", "n3")) {
        NodeTrust agreeing = h.node(node);
        assertThat(agreeing.getCompleted()).isEqualTo(1);
        assertThat(agreeing.getVerificationAgreements()).isEqualTo(1);
        assertThat(agreeing.getScore()).isEqualTo("0.6667"); // (1 + 1) ÷ (1 + 0 + 2)
      }
      assertThat(h.table()).as("the verdict is not a completion of its winner").hasSize(3);
    }
  }

  @Test
  void aRedeliveredVerdictCountsOnceForEachNode() {
    try (TrustHarness h = new TrustHarness(stateDir)) {
      Event verdict = verdict("disagreed", "agreed", "agreed");
      h.pipe(List.of(verdict, verdict, verdict("disagreed", "agreed", "agreed")));

      assertThat(h.node("n1").getVerificationDisagreements()).isEqualTo(1);
      assertThat(h.node("n2").getVerificationAgreements()).isEqualTo(1);
      assertThat(h.node("n3").getVerificationAgreements()).isEqualTo(1);
      assertThat(h.node("n2").getCompleted()).isZero();
    }
  }

  @Test
  void unresolvedVotesAndAReplicaWithoutANodeTellNothingAboutAnyNode() {
    try (TrustHarness h = new TrustHarness(stateDir)) {
      Event noNode =
          event(
              EventIds.replicaEventId(SESSION, "a", 0, 1, EventTypes.UNIT_FAILED),
              EventTypes.UNIT_FAILED,
              1,
              new EventSource("worker", "n9"),
              new WorkUnitFailed(null, Substrate.cpu, "NO_DISTINCT_NODE", "pool", 0L, CPU));
      h.pipe(List.of(noNode, verdict("unresolved", "unresolved")));

      assertThat(h.table()).isEmpty();
    }
  }
}
