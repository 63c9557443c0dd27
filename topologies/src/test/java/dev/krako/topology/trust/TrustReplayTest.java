package dev.krako.topology.trust;

import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static dev.krako.topology.trust.TrustEventLog.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.krako.avro.Event;
import dev.krako.avro.NodeHealth;
import dev.krako.avro.NodeTrust;
import dev.krako.avro.Substrate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The node trust table is a function of the set of events, not of their order: replaying the log
 * with the nodes' events interleaved differently, redeliveries included, into a fresh application
 * gives the same table and the same compacted trust topic, byte for byte.
 */
class TrustReplayTest {

  @TempDir Path stateDir;

  @Test
  void replayingTheSameEventsInAnotherOrderAcrossNodesGivesTheSameFinalTable() {
    List<List<Event>> logs = handWrittenLogs();
    List<Event> inOrder = logs.stream().flatMap(List::stream).toList();
    List<Event> otherOrder = new ArrayList<>();
    for (int i = logs.size() - 1; i >= 0; i--) {
      otherOrder.addAll(logs.get(i));
    }

    Map<String, NodeTrust> first = replay("first", inOrder);
    Map<String, NodeTrust> second = replay("second", otherOrder);

    assertThat(bytes(second)).isEqualTo(bytes(first));
    assertThat(first.values())
        .extracting(
            NodeTrust::getNodeId,
            NodeTrust::getCompleted,
            NodeTrust::getFailed,
            NodeTrust::getHealth,
            NodeTrust::getScore)
        .containsExactly(
            // 2 completed, 1 disagreement: 3 / (2 + 2 + 2); reported up.
            tuple("cpu-node-1", 2L, 1L, NodeHealth.up, "0.5000"),
            // 1 completed, 1 failure: 2 / 4; degraded at 40 ms supersedes up at 30 ms.
            tuple("cpu-node-2", 1L, 1L, NodeHealth.degraded, "0.2500"),
            // 1 completed (after a timed-out call and its failed attempt): 2 / 4.
            tuple("llm-pod-1", 1L, 1L, NodeHealth.unknown, "0.5000"));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 2026})
  void randomInterleavingsWithRedeliveriesGiveTheSameTableByteForByte(long seed) {
    Random random = new Random(seed);
    List<List<Event>> logs = TrustScenario.logs(random, 6);
    List<Event> inOrder = logs.stream().flatMap(List::stream).toList();
    List<Event> replay = TrustScenario.interleave(logs, random, 1 + random.nextInt(20));

    TrustHarness first = new TrustHarness(stateDir.resolve("first"));
    TrustHarness second = new TrustHarness(stateDir.resolve("second"));
    try (first;
        second) {
      first.pipe(inOrder);
      second.pipe(replay);

      assertThat(bytes(second.table())).isEqualTo(bytes(first.table()));
      assertThat(bytes(second.compactedTrustTopic())).isEqualTo(bytes(first.table()));
      assertThat(first.table()).isNotEmpty();
    }
  }

  @Test
  void evenAnyOrderOfAllEventsGivesTheSameTable() {
    Random random = new Random(7);
    List<Event> inOrder = TrustScenario.logs(random, 8).stream().flatMap(List::stream).toList();
    List<Event> shuffled = new ArrayList<>(inOrder);
    Collections.shuffle(shuffled, random);

    assertThat(bytes(replay("shuffled", shuffled))).isEqualTo(bytes(replay("ordered", inOrder)));
  }

  private Map<String, NodeTrust> replay(String name, List<Event> log) {
    try (TrustHarness trust = new TrustHarness(stateDir.resolve(name))) {
      trust.pipe(log);
      assertThat(trust.compactedTrustTopic()).isEqualTo(trust.table());
      return trust.table();
    }
  }

  /** Three sessions and a log of health reports, each in its own order. */
  private static List<List<Event>> handWrittenLogs() {
    return List.of(
        TrustEventLog.log()
            .succeeded("cpu-node-1", Substrate.cpu, session(1), "a", 0)
            .failedWith("cpu-node-2", Substrate.cpu, session(1), "b", "NO_EXECUTOR", 5)
            .succeeded("cpu-node-2", Substrate.cpu, session(1), "b2", 10)
            .events(),
        TrustEventLog.log()
            .succeeded("cpu-node-1", Substrate.cpu, session(2), "c", 3)
            .failedWith("cpu-node-1", Substrate.cpu, session(2), "d", "SCHEMA_MISMATCH", 8)
            .events(),
        TrustEventLog.log()
            .claimed("llm-pod-1", Substrate.llm_pod, session(3), "m", 0, 1)
            .modelCall("llm-pod-1", session(3), "m", 0, 0, "TIMEOUT: no answer", 2)
            .failed("llm-pod-1", Substrate.llm_pod, session(3), "m", 0, "LLM_CALL_FAILED", 4)
            .claimed("llm-pod-1", Substrate.llm_pod, session(3), "m", 1, 6)
            .completed("llm-pod-1", Substrate.llm_pod, session(3), "m", 1, 9)
            .events(),
        TrustEventLog.log()
            .health("cpu-node-2", Substrate.cpu, "degraded", 40)
            .health("cpu-node-1", Substrate.cpu, "up", 20)
            .health("cpu-node-2", Substrate.cpu, "up", 30)
            .events());
  }

  /** The table as the bytes its records have on the trust topic, in node id order. */
  static Map<String, String> bytes(Map<String, NodeTrust> table) {
    Serializer<NodeTrust> serializer = TOPICS.nodesTrust().valueSerde().serializer();
    Map<String, String> bytes = new TreeMap<>();
    table.forEach(
        (node, trust) ->
            bytes.put(
                node,
                java.util.HexFormat.of()
                    .formatHex(serializer.serialize(TOPICS.nodesTrust().name(), trust))));
    return bytes;
  }
}
