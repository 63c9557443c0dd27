package dev.krako.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Substrate;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A deployment's client settings reach every client, below the claim protocol's own. */
class KafkaClientsTest {

  private final WorkerSettings settings =
      new WorkerSettings(
              "kafka:9092",
              new KrakoTopics(TopicNames.defaults()),
              Substrate.cpu,
              "cpu",
              "node-1-cpu",
              1,
              Duration.ofMillis(100),
              Map.of("max.poll.records", 5))
          .withClientSettings(
              Map.of(
                  "security.protocol", "SASL_SSL",
                  "isolation.level", "read_uncommitted",
                  "transactional.id", "hijacked",
                  "max.poll.records", 50));

  @Test
  void theConsumerTakesTheClientSettingsButKeepsItsOwn() {
    Map<String, Object> c = KafkaClients.consumerConfig(settings, "node-1-cpu-0");

    assertThat(c)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("isolation.level", "read_committed")
        .containsEntry("enable.auto.commit", false)
        .containsEntry("bootstrap.servers", "kafka:9092")
        .containsEntry("max.poll.records", 5); // an explicit override wins over both
  }

  @Test
  void theProducerTakesTheClientSettingsButKeepsItsTransactionalId() {
    Map<String, Object> p = KafkaClients.producerConfig(settings, "node-1-cpu-0");

    assertThat(p)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("transactional.id", "krako-worker-node-1-cpu-0")
        .containsEntry("acks", "all");
  }

  @Test
  void theCopiesOfTheSettingsKeepThem() {
    assertThat(settings.withShutdownTimeout(Duration.ofSeconds(5)).clientSettings())
        .isEqualTo(settings.clientSettings());
  }
}
