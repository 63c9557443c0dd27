package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.krako.avro.Event;
import dev.krako.avro.LedgerEntry;
import dev.krako.avro.Substrate;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import dev.krako.streams.StreamsRunner;
import dev.krako.streams.StreamsSettings;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import dev.krako.topology.billing.BillingConfig;
import dev.krako.topology.billing.BillingNames;
import dev.krako.topology.billing.BillingTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The billing dedupe store of ADR 023 (a window store) is restored from its changelog: a billing
 * application that lost its local state, as on a new machine, still knows what it billed, and bills
 * a duplicate that arrives after the restart once. The changelog carries the time retention that
 * the restore relies on.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DedupeRestoreIT {

  private static final Duration PATIENCE = Duration.ofSeconds(120);

  @TempDir Path stateDir;

  @Test
  void aBillingApplicationRestoredFromItsChangelogDoesNotBillADuplicateAgain(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    TopicNames topicNames = TopicNames.defaults().withPrefix(names.topic("dedupe") + ".");
    broker.createTopics(KrakoTopicSpecs.all(topicNames, 2));
    KrakoTopics topics = new KrakoTopics(topicNames);
    String applicationId = names.applicationId("billing");
    long now = Instant.now().toEpochMilli() - EventLogFixture.T0.toEpochMilli();
    List<Event> log =
        EventLogFixture.session("tenant-a", "req-restore")
            .completed("a", 0, Substrate.cpu, 1_000, now)
            .completed("b", 0, Substrate.cpu, 2_000, now + 1)
            .events();

    produce(broker, topics, log.subList(0, 1));
    StreamsRunner first = billing(broker, topics, applicationId);
    try {
      await().atMost(PATIENCE).until(() -> ledger(broker, topics).size() == 1);
    } finally {
      first.close();
    }
    // No local state left: the restart restores the dedupe store from its changelog.
    first.streams().cleanUp();

    produce(broker, topics, log);
    try (StreamsRunner billing = billing(broker, topics, applicationId)) {
      await().atMost(PATIENCE).until(() -> ledger(broker, topics).size() >= 2);
    }

    assertThat(ledger(broker, topics))
        .extracting(LedgerEntry::getWorkUnitId)
        .containsExactly("a", "b");
    Config changelog = changelogConfig(broker, applicationId + "-billing-dedupe-changelog");
    assertThat(changelog.get("cleanup.policy").value()).isEqualTo("compact,delete");
    assertThat(changelog.get("retention.ms").value())
        .isEqualTo(Long.toString(Duration.ofDays(14).toMillis()));
  }

  private StreamsRunner billing(LocalKafkaBroker broker, KrakoTopics topics, String applicationId)
      throws InterruptedException {
    StreamsSettings settings =
        new StreamsSettings(
            applicationId,
            broker.bootstrapServers(),
            stateDir,
            topics.names().deadLetter(),
            BillingNames.APPLICATION_ID,
            Map.of());
    return new StreamsRunner(
            "billing", BillingTopology.build(BillingConfig.defaults(topics)), settings)
        .start(PATIENCE);
  }

  private static void produce(LocalKafkaBroker broker, KrakoTopics topics, List<Event> events)
      throws Exception {
    try (KafkaProducer<String, Event> producer =
        new KafkaProducer<>(
            broker.adminClientConfig(),
            topics.events().keySerde().serializer(),
            topics.events().valueSerde().serializer())) {
      for (Event e : events) {
        producer
            .send(
                new ProducerRecord<>(
                    topics.events().name(),
                    null,
                    e.getTimestamp().toEpochMilli(),
                    e.getSessionId(),
                    e))
            .get();
      }
    }
  }

  /** Every committed ledger entry, in partition order (one session: one partition). */
  private static List<LedgerEntry> ledger(LocalKafkaBroker broker, KrakoTopics topics) {
    Map<String, Object> config = new HashMap<>(broker.adminClientConfig());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<LedgerEntry> entries = new ArrayList<>();
    try (KafkaConsumer<String, LedgerEntry> consumer =
        new KafkaConsumer<>(
            config,
            topics.ledger().keySerde().deserializer(),
            topics.ledger().valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topics.ledger().name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> entries.add(r.value()));
      }
    }
    return entries;
  }

  private static Config changelogConfig(LocalKafkaBroker broker, String topic) throws Exception {
    try (Admin admin = Admin.create(broker.adminClientConfig())) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }
  }
}
