package dev.krako.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A deployment's client settings reach the application, below Krako's own and the overrides; the
 * latency settings are Krako's.
 */
class StreamsSettingsTest {

  @Test
  void clientSettingsComeFirst() {
    Properties p =
        new StreamsSettings(
                "krako-ingress",
                "kafka:9092",
                Path.of("state"),
                "krako.deadletter",
                "ingress",
                Map.of("client.id", "krako-ingress-pod-0"))
            .withApplicationServer("pod-0:8080")
            .withClientSettings(
                Map.of(
                    "security.protocol", "SSL",
                    "processing.guarantee", "at_least_once",
                    "client.id", "from-file"))
            .toProperties();

    assertThat(p.get("security.protocol")).isEqualTo("SSL");
    assertThat(p.get("processing.guarantee")).isEqualTo("exactly_once_v2");
    assertThat(p.get("client.id")).isEqualTo("krako-ingress-pod-0");
    assertThat(p.get("application.server")).isEqualTo("pod-0:8080");
  }

  @Test
  void aQuietThreadWakesOftenEnoughForItsCommits() {
    Properties p =
        new StreamsSettings(
                "krako-ingress", "kafka:9092", Path.of("state"), "dl", "ingress", Map.of())
            .toProperties();

    assertThat(p.get("commit.interval.ms")).isEqualTo(50L);
    // A commit that falls due while the thread waits in poll() waits for the poll to end.
    assertThat((Long) p.get("poll.ms")).isLessThanOrEqualTo(10L);
  }

  @Test
  void aStreamThreadsProducerSendsBeforeItsCommit() {
    Properties p = orchestrationProperties();

    // Lingering until the commit made each commit wait for its own produce and its verification
    // by the broker: the p50 of every session doubled (docs/performance.md, session 12).
    assertThat(((Number) p.get("producer.linger.ms")).longValue())
        .isLessThan((Long) p.get("commit.interval.ms"));
    assertThat(p.get("processing.guarantee")).isEqualTo("exactly_once_v2");
  }

  @Test
  void noTaskIdlesForAnEmptyPartition() {
    Properties p = orchestrationProperties();

    // Krako joins nothing; the default (0) formats log strings for every empty partition, every
    // loop.
    assertThat(p.get("max.task.idle.ms")).isEqualTo(-1L);
  }

  private static Properties orchestrationProperties() {
    return new StreamsSettings(
            "krako-orchestration", "kafka:9092", Path.of("state"), "dl", "orchestration", Map.of())
        .toProperties();
  }
}
