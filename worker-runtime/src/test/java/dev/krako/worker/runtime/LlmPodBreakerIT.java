package dev.krako.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.krako.avro.Substrate;
import dev.krako.events.EventTypes;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import dev.krako.topics.KrakoTopics;
import dev.krako.worker.llm.LlmExecutors;
import dev.krako.worker.llm.LlmPodSettings;
import dev.krako.worker.llm.sim.SimulatedLlmPod;
import dev.krako.worker.llm.sim.SimulatedLlmPod.Reply;
import dev.krako.worker.llm.sim.SimulatedLlmPod.Script;
import dev.krako.worker.resilience.BreakerSettings;
import dev.krako.worker.resilience.DownstreamBreaker;
import dev.krako.worker.resilience.GuardedExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An LLM node against the real broker whose (simulated) pod fails: its breaker opens, the node
 * reports itself down and claims nothing while the breaker is open, and once the pod is back a
 * trial unit closes the breaker and the node claims the rest.
 */
@ExtendWith(KafkaBrokerExtension.class)
class LlmPodBreakerIT {

  private static final Duration WAIT_IN_OPEN = Duration.ofSeconds(6);
  private static final String RUN =
      "{\"tier\":\"small\",\"adapter\":\"mock_mini\",\"input\":{\"question\":\"q\"}}";
  private static final List<String> UNITS = List.of("u0", "u1", "u2", "u3", "u4", "u5");

  @Test
  void aNodeWhosePodFailsStopsClaimingUntilThePodRecovers(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    // One partition: the units are claimed in order, so the first three are the failing ones.
    KrakoTopics topics = WorkerTopics.create(broker, names.topic("breaker"), Substrate.llm_pod, 1);
    SimulatedLlmPod failing =
        SimulatedLlmPod.builder()
            .script(Script.allValid().byDefault(Reply.fail(500)))
            .start("127.0.0.1", 0);
    int port = failing.baseUrl().getPort();
    String node = names.groupId("llm-node");
    WorkerSettings settings =
        new WorkerSettings(
                broker.bootstrapServers(),
                topics,
                Substrate.llm_pod,
                names.groupId("llm"),
                node,
                1,
                Duration.ofMillis(50))
            .withHealthInterval(Duration.ofMillis(500));
    GuardedExecutor executor =
        LlmExecutors.forLlmPool(
            LlmPodSettings.defaults()
                .withBaseUrl(failing.baseUrl())
                .withRequestTimeout(Duration.ofSeconds(10)),
            BreakerSettings.defaults().withWindow(3, 3).withWaitInOpen(WAIT_IN_OPEN),
            Clock.systemUTC());

    WorkerPool pool =
        WorkerPool.start(settings, executor, Clock.systemUTC()).awaitReady(Duration.ofSeconds(60));
    try (pool;
        EventLog log = new EventLog(broker, topics)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> !log.health(node).isEmpty());
      assertThat(log.health(node).get(0).getStatus()).isEqualTo("up");

      EventLog.publish(broker, topics, Substrate.llm_pod, RUN, UNITS);

      // Three failures at the pod open the breaker...
      DownstreamBreaker breaker = executor.breakers().get(0);
      await().atMost(Duration.ofSeconds(30)).until(() -> breaker.state().equals("open"));
      // ...the node claims nothing more while it is open...
      await()
          .during(Duration.ofMillis(1500))
          .atMost(Duration.ofSeconds(3))
          .until(
              () ->
                  log.units(EventTypes.UNIT_CLAIMED).equals(List.of("u0", "u1", "u2"))
                      && failing.requestCount() == 3);
      // ...and reports itself down, at once and in its periodic reports.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  log.healthStatuses(node, "breaker").equals(List.of("down"))
                      && log.healthStatuses(node, "periodic").contains("down"));
      assertThat(breaker.state()).as("the test must swap pods before the trial").isEqualTo("open");
      failing.close();

      try (SimulatedLlmPod recovered = SimulatedLlmPod.start("127.0.0.1", port)) {
        // After the wait, a trial unit goes to the recovered pod, the breaker closes, the rest
        // follow.
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> log.units(EventTypes.UNIT_COMPLETED).size() == 3);

        assertThat(log.units(EventTypes.UNIT_CLAIMED)).containsExactlyElementsOf(UNITS);
        assertThat(log.units(EventTypes.UNIT_COMPLETED)).containsExactly("u3", "u4", "u5");
        assertThat(log.failures())
            .containsExactly("u0:LLM_CALL_FAILED", "u1:LLM_CALL_FAILED", "u2:LLM_CALL_FAILED");
        assertThat(log.healthStatuses(node, "breaker")).containsExactly("down", "degraded", "up");
        assertThat(recovered.requestCount()).isEqualTo(3);
      }
    }
  }
}
