package dev.krako.topology.trust;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static dev.krako.topology.trust.TrustEventLog.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.DeadLetter;
import dev.krako.avro.Event;
import dev.krako.avro.NodeHealth;
import dev.krako.avro.NodeTrust;
import dev.krako.avro.Substrate;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.trust.UnattributableEventException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustTopologyTest {

  private static final String N1 = "cpu-node-1";
  private static final String N2 = "cpu-node-2";
  private static final String POD = "llm-pod-1";

  @TempDir Path stateDir;

  private TrustHarness trust;

  @BeforeEach
  void start() {
    trust = new TrustHarness(stateDir);
  }

  @AfterEach
  void stop() {
    trust.close();
  }

  @Test
  void completionsRaiseTheScoreAsDocumentedWithEveryFieldOfTheRecord() {
    trust.pipe(threeCompletions(N1).events());

    NodeTrust n1 = trust.node(N1);
    assertThat(n1.getNodeId()).isEqualTo(N1);
    assertThat(n1.getSubstrate()).isEqualTo(Substrate.cpu);
    assertThat(n1.getClaimed()).isEqualTo(3);
    assertThat(n1.getCompleted()).isEqualTo(3);
    assertThat(n1.getFailed()).isZero();
    assertThat(n1.getVerificationFailures()).isZero();
    assertThat(n1.getGraphFaults()).isZero();
    assertThat(n1.getTimeouts()).isZero();
    assertThat(n1.getHealth()).isEqualTo(NodeHealth.unknown);
    assertThat(n1.getHealthTime()).isNull();
    // (3 + 1) / (3 + 0 + 2)
    assertThat(n1.getScore()).isEqualTo("0.8000");
    assertThat(n1.getScoreVersion()).isEqualTo("v2");
    assertThat(n1.getLastEventTime()).isEqualTo(T0.plusMillis(21));
  }

  @Test
  void theTrustTopicFollowsEveryCountedEventAndEndsAtTheTable() {
    trust.pipe(threeCompletions(N1).events());

    List<KeyValue<String, NodeTrust>> records = trust.trustTopic();
    // claimed and completed per attempt (a start counts nothing, ADR 019): 0.5 before the first
    // outcome, then 2/3, 3/4, 4/5.
    assertThat(records).hasSize(6);
    assertThat(records)
        .extracting(kv -> kv.value.getScore())
        .containsExactly("0.5000", "0.6667", "0.6667", "0.7500", "0.7500", "0.8000");
    assertThat(trust.compactedTrustTopic()).isEqualTo(trust.table());
    // The record's time is its event's, never the wall clock.
    assertThat(trust.trustTopic().get(5).value.getLastEventTime()).isEqualTo(T0.plusMillis(21));
  }

  @Test
  void aNodesEventsBetweenTwoSnapshotsReachTheTableAndTheTopicAsOneRecord() {
    trust.pipeBeforeASnapshot(
        threeCompletions(N1)
            .failedWith(N2, Substrate.cpu, session(3), "d", "NO_EXECUTOR", 30)
            .events());
    assertThat(trust.table()).as("not merged before the snapshot").isEmpty();
    assertThat(trust.trustTopic()).isEmpty();

    trust.snapshot();

    assertThat(trust.trustTopic()).extracting(kv -> kv.key).containsExactlyInAnyOrder(N1, N2);
    assertThat(trust.node(N1).getClaimed()).isEqualTo(3);
    assertThat(trust.node(N1).getCompleted()).isEqualTo(3);
    assertThat(trust.node(N2).getFailed()).isEqualTo(1);
    assertThat(trust.compactedTrustTopic()).isEqualTo(trust.table());

    trust.snapshot();
    assertThat(trust.trustTopic()).as("nothing changed, nothing sent").hasSize(2);
  }

  @Test
  void failuresLowerTheScoreAndAVerificationDisagreementWeighsTwice() {
    TrustEventLog log = TrustEventLog.log();
    for (int u = 0; u < 8; u++) {
      log.succeeded(N1, Substrate.cpu, session(1), "u" + u, 10L * u);
    }
    log.failedWith(N1, Substrate.cpu, session(1), "bad", "DETERMINISTIC_EXEC_FAILED", 100)
        .failedWith(N1, Substrate.cpu, session(2), "check", "SCHEMA_MISMATCH", 110);
    trust.pipe(log.events());

    NodeTrust n1 = trust.node(N1);
    assertThat(n1.getFailed()).isEqualTo(2);
    assertThat(n1.getVerificationFailures()).isEqualTo(1);
    // (8 + 1) / (8 + (1 + 2) + 2) = 9/13 = 0.6923...
    assertThat(n1.getScore()).isEqualTo("0.6923");
  }

  @Test
  void failuresTheGraphIsToBlameForAreCountedButNotScored() {
    trust.pipe(
        TrustEventLog.log()
            .succeeded(N1, Substrate.cpu, session(1), "a", 0)
            .failedWith(N1, Substrate.cpu, session(1), "b", "LLM_RUN_INVALID", 10)
            .failedWith(N1, Substrate.cpu, session(1), "c", "OUTPUT_SCHEMA_UNUSABLE", 20)
            .events());

    NodeTrust n1 = trust.node(N1);
    assertThat(n1.getFailed()).isEqualTo(2);
    assertThat(n1.getGraphFaults()).isEqualTo(2);
    assertThat(n1.getScore()).isEqualTo("0.6667");
  }

  @Test
  void aTimedOutModelCallIsATimeoutAndScoredThroughItsAttemptsFailure() {
    trust.pipe(
        TrustEventLog.log()
            .claimed(POD, Substrate.llm_pod, session(1), "llm", 0, 0)
            .modelCall(POD, session(1), "llm", 0, 0, "TIMEOUT: no answer within 30000 ms", 1)
            .failed(POD, Substrate.llm_pod, session(1), "llm", 0, "LLM_CALL_FAILED", 5)
            .claimed(POD, Substrate.llm_pod, session(1), "llm", 1, 10)
            .modelCall(POD, session(1), "llm", 1, 0, "HTTP_STATUS 500: overloaded", 11)
            .failed(POD, Substrate.llm_pod, session(1), "llm", 1, "LLM_CALL_FAILED", 15)
            .events());

    NodeTrust pod = trust.node(POD);
    assertThat(pod.getSubstrate()).isEqualTo(Substrate.llm_pod);
    assertThat(pod.getTimeouts()).isEqualTo(1);
    assertThat(pod.getFailed()).isEqualTo(2);
    // Two failures, no more: 1 / (0 + 2 + 2).
    assertThat(pod.getScore()).isEqualTo("0.2500");
  }

  @Test
  void duplicatesChangeNothing() {
    List<Event> log =
        threeCompletions(N1)
            .failedWith(N1, Substrate.cpu, session(2), "x", "SCHEMA_MISMATCH", 50)
            .redelivered()
            .health(N1, Substrate.cpu, "degraded", 60)
            .redelivered()
            .events();
    trust.pipe(log);
    Map<String, NodeTrust> once = trust.table();
    int records = trust.trustTopic().size();

    trust.pipe(log);

    assertThat(trust.table()).isEqualTo(once);
    assertThat(trust.trustTopic()).hasSize(records);
    // 3 completions, one disagreement counted once: 4/7 = 0.5714..., halved: 2/7.
    assertThat(trust.node(N1).getFailed()).isEqualTo(1);
    assertThat(trust.node(N1).getScore()).isEqualTo("0.2857");
  }

  @Test
  void nodeHealthReportsApplyTheirFactor() {
    trust.pipe(threeCompletions(N1).events());

    trust.pipe(TrustEventLog.log().health(N1, Substrate.cpu, "degraded", 100).events());
    assertThat(trust.node(N1).getHealth()).isEqualTo(NodeHealth.degraded);
    assertThat(trust.node(N1).getHealthTime()).isEqualTo(T0.plusMillis(100));
    assertThat(trust.node(N1).getScore()).isEqualTo("0.4000");

    trust.pipe(healthReport(N1, "down", 200, 1));
    assertThat(trust.node(N1).getScore()).isEqualTo("0.0000");

    trust.pipe(healthReport(N1, "up", 300, 2));
    assertThat(trust.node(N1).getHealth()).isEqualTo(NodeHealth.up);
    assertThat(trust.node(N1).getScore()).isEqualTo("0.8000");
  }

  @Test
  void anOlderHealthReportArrivingLateDoesNotReplaceANewerOne() {
    trust.pipe(healthReport(N1, "down", 200, 0)).pipe(healthReport(N1, "up", 100, 1));

    assertThat(trust.node(N1).getHealth()).isEqualTo(NodeHealth.down);
    assertThat(trust.node(N1).getHealthTime()).isEqualTo(T0.plusMillis(200));
    assertThat(trust.node(N1).getScore()).isEqualTo("0.0000");
  }

  @Test
  void aHealthStatusThisBuildDoesNotKnowCountsAsUnknown() {
    trust.pipe(healthReport(N1, "rebooting", 10, 0));

    assertThat(trust.node(N1).getHealth()).isEqualTo(NodeHealth.unknown);
    assertThat(trust.node(N1).getHealthTime()).isEqualTo(T0.plusMillis(10));
    assertThat(trust.node(N1).getScore()).isEqualTo("0.5000");
  }

  @Test
  void eventsAboutNoNodeAreIgnored() {
    trust.pipe(TrustEventLog.log().orchestrator(session(1), "a", 0).events());

    assertThat(trust.table()).isEmpty();
    assertThat(trust.trustTopic()).isEmpty();
    assertThat(trust.deadLetters()).isEmpty();
  }

  @Test
  void startsAndModelCallsThatChangeNoCounterAreDroppedBeforeTheDedupe() {
    trust.pipe(
        TrustEventLog.log()
            .started(N1, Substrate.llm_pod, session(1), "m", 0, 0)
            .modelCall(N1, session(1), "m", 0, 0, null, 1)
            .events());

    assertThat(trust.table()).isEmpty();
    assertThat(trust.trustTopic()).isEmpty();
    assertThat(trust.dedupeKeys()).as("no id remembered").isEmpty();
    assertThat(trust.deadLetters()).isEmpty();
  }

  @Test
  void eachNodeHasItsOwnTrust() {
    trust.pipe(
        TrustEventLog.log()
            .succeeded(N1, Substrate.cpu, session(1), "a", 0)
            .failedWith(N2, Substrate.cpu_trusted, session(1), "b", "NO_EXECUTOR", 5)
            .events());

    assertThat(trust.table().keySet()).containsExactly(N1, N2);
    assertThat(trust.node(N1).getScore()).isEqualTo("0.6667");
    assertThat(trust.node(N2).getScore()).isEqualTo("0.3333");
    assertThat(trust.node(N2).getSubstrate()).isEqualTo(Substrate.cpu_trusted);
  }

  @Test
  void aFailureThatNamesNoNodeBelongsToTheWorkerThatReportedIt() {
    Event reported =
        TrustEventLog.log()
            .failed(N2, Substrate.cpu, session(1), "a", 0, "DETERMINISTIC_EXEC_FAILED", 5)
            .events()
            .get(0);
    Event failed =
        Event.newBuilder(reported)
            .setPayload(
                WorkUnitFailed.newBuilder((WorkUnitFailed) reported.getPayload())
                    .setNodeId(null)
                    .build())
            .build();
    trust.pipe(List.of(failed));

    assertThat(trust.node(N2).getFailed()).isEqualTo(1);
  }

  @Test
  void aPoisonRecordGoesToTheDeadLetterTopicAndTrustGoesOn() {
    // The test driver's mock producer drops what a deserialization handler sends inside a
    // transaction before the driver commits it (it clears uncommitted sends when it captures
    // output); a real exactly-once producer commits it with the task. So this one test runs
    // at_least_once: what it checks, the handler's routing, does not depend on the guarantee.
    trust.close();
    trust =
        new TrustHarness(
            stateDir.resolve("alo"),
            TrustConfig.defaults(TOPICS),
            T0,
            Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE));
    trust.pipeRaw(session(1), "not an avro record".getBytes(StandardCharsets.UTF_8));
    trust.pipe(threeCompletions(N1).events());

    List<DeadLetter> letters = trust.deadLetters();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).getSourceTopic()).isEqualTo("krako.events");
    assertThat(letters.get(0).getSourceOffset()).isZero();
    assertThat(letters.get(0).getComponent()).isEqualTo(TrustHarness.APPLICATION_ID);
    assertThat(trust.node(N1).getScore()).isEqualTo("0.8000");
  }

  @Test
  void aNodeEventThatCannotBeReadGoesToTheDeadLetterTopicAndTrustGoesOn() {
    Event completed = threeCompletions(N1).events().get(2);
    Event wrongPayload =
        Event.newBuilder(completed).setPayload(new WorkUnitClaimed(N1, Substrate.cpu)).build();
    Event blankNode =
        Event.newBuilder(completed)
            .setEventType("workunit.claimed")
            .setPayload(new WorkUnitClaimed(" ", Substrate.cpu))
            .build();
    trust.pipe(List.of(wrongPayload, blankNode)).pipe(threeCompletions(N1).events());

    List<DeadLetter> letters = trust.deadLetters();
    assertThat(letters).hasSize(2);
    assertThat(letters)
        .extracting(DeadLetter::getErrorClass)
        .containsOnly(UnattributableEventException.class.getName());
    assertThat(letters.get(0).getErrorMessage()).contains("WorkUnitClaimed payload");
    assertThat(letters.get(1).getErrorMessage()).contains("names no node");
    assertThat(letters).extracting(DeadLetter::getSourceTopic).containsOnly("krako.events");
    // Nothing of either was counted: only the good copies are.
    assertThat(trust.node(N1).getCompleted()).isEqualTo(3);
    assertThat(trust.node(N1).getClaimed()).isEqualTo(3);
  }

  /** Three attempts of three units that the node claimed, started and completed. */
  private static TrustEventLog threeCompletions(String node) {
    return TrustEventLog.log()
        .succeeded(node, Substrate.cpu, session(1), "a", 0)
        .succeeded(node, Substrate.cpu, session(1), "b", 10)
        .succeeded(node, Substrate.cpu, session(2), "c", 20);
  }

  /** A health report with its own id: the {@code n}-th report of the node. */
  private static List<Event> healthReport(String node, String status, long atMs, int n) {
    TrustEventLog log = TrustEventLog.log();
    for (int i = 0; i < n; i++) {
      log.health(node, Substrate.cpu, "up", 0);
    }
    List<Event> reports = log.health(node, Substrate.cpu, status, atMs).events();
    return List.of(reports.get(reports.size() - 1));
  }
}
