package dev.krako.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krako.avro.Substrate;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {

  private final WorkerSettings settings =
      new WorkerSettings(
          "localhost:9092",
          new KrakoTopics(TopicNames.defaults()),
          Substrate.cpu,
          "cpu",
          "cpu-node",
          1,
          Duration.ofMillis(100));

  @Test
  void theShortConstructorsKeepTheDefaults() {
    assertThat(settings.healthInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.consumerOverrides()).isEmpty();
    WorkerSettings withOverrides =
        new WorkerSettings(
            settings.bootstrapServers(),
            settings.topics(),
            settings.substrate(),
            settings.poolId(),
            settings.nodeId(),
            settings.loops(),
            settings.pollTimeout(),
            Map.of("max.poll.records", 1));
    assertThat(withOverrides.healthInterval()).isEqualTo(WorkerSettings.DEFAULT_HEALTH_INTERVAL);
  }

  @Test
  void intervalsCanBeChangedButMustBePositive() {
    assertThat(settings.withHealthInterval(Duration.ofSeconds(5)).healthInterval())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.withShutdownTimeout(Duration.ofSeconds(90)).shutdownTimeout())
        .isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> settings.withHealthInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> settings.withShutdownTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theClaimWindowDefaultsToOneUnitPerLoopAndIsAtLeastOne() {
    assertThat(settings.claimWindow()).isEqualTo(1);
    assertThat(
            settings.withClaimWindow(16).withShutdownTimeout(Duration.ofSeconds(5)).claimWindow())
        .isEqualTo(16);
    assertThatThrownBy(() -> settings.withClaimWindow(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCpuLoopRunsAtMostOneUnitPerCoreAndAnLlmLoopItsWholeWindow() {
    int cores = Runtime.getRuntime().availableProcessors();
    WorkerSettings llm = llm().withClaimWindow(cores + 3);

    assertThat(ClaimLoop.unitThreads(settings.withClaimWindow(cores + 3))).isEqualTo(cores);
    assertThat(ClaimLoop.unitThreads(settings)).isEqualTo(1);
    assertThat(ClaimLoop.unitThreads(llm)).isEqualTo(cores + 3);
  }

  @Test
  void earlyStartIsOffByDefaultSurvivesTheCopiesAndIsRefusedForAnLlmPool() {
    WorkerSettings early = settings.withEarlyStart(true);
    WorkerSettings llm = llm();

    assertThat(settings.earlyStart()).isFalse();
    assertThat(early.withClaimWindow(4).withHeartbeatInterval(Duration.ofSeconds(1)).earlyStart())
        .isTrue();
    assertThat(KafkaClients.consumerConfig(early, "cpu-node-0"))
        .containsEntry("isolation.level", "read_uncommitted");
    assertThat(KafkaClients.consumerConfig(settings, "cpu-node-0"))
        .containsEntry("isolation.level", "read_committed");
    assertThatThrownBy(() -> llm.withEarlyStart(true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tokens");
  }

  /** An LLM pool's settings, otherwise those of {@link #settings}. */
  private WorkerSettings llm() {
    return new WorkerSettings(
        settings.bootstrapServers(),
        settings.topics(),
        Substrate.llm_pod,
        "llm",
        "llm-node",
        1,
        settings.pollTimeout());
  }
}
