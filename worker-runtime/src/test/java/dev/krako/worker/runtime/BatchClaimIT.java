package dev.krako.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.krako.avro.Substrate;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.events.EventTypes;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.TopicSpec;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import dev.krako.worker.resilience.ClaimGate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A batch's claims commit or abort together, against the real broker: a loop that polled a batch,
 * then stalled until its group handed the partition to another member (a zombie), commits none of
 * the batch; the live member claims the same batch, all of it in one transaction, with its offset.
 */
@ExtendWith(KafkaBrokerExtension.class)
class BatchClaimIT {

  private static final List<String> UNITS = List.of("u0", "u1", "u2", "u3", "u4");

  @Test
  void aZombiesBatchCommitsNoneOfItsClaimsAndTheLiveMemberCommitsAllOfThem(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    TopicNames topicNames = TopicNames.defaults().withPrefix(names.topic("batch") + ".");
    KrakoTopics topics = new KrakoTopics(topicNames);
    broker.createTopics(
        List.of(
            TopicSpec.of(topicNames.dispatchCpu(), 1),
            TopicSpec.of(topicNames.events(), 1),
            TopicSpec.of(topicNames.reports(), 1)));
    WorkerSettings settings =
        new WorkerSettings(
                broker.bootstrapServers(),
                topics,
                Substrate.cpu,
                names.groupId("pool"),
                "node",
                1,
                Duration.ofMillis(100),
                // A member that does not poll for 6 s is out of the group.
                Map.of(
                    ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                    6_000,
                    ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                    6_000))
            .withClaimWindow(8);
    EventLog.publish(broker, topics, Substrate.cpu, "{\"handler\":\"echo\"}", UNITS);

    try (EventLog log = new EventLog(broker, topics);
        KafkaConsumer<String, WorkUnitDispatch> zombie =
            KafkaClients.consumer(settings, "zombie-0");
        KafkaProducer<String, byte[]> zombieProducer = KafkaClients.producer(settings, "zombie-0");
        KafkaConsumer<String, WorkUnitDispatch> live = KafkaClients.consumer(settings, "live-0");
        KafkaProducer<String, byte[]> liveProducer = KafkaClients.producer(settings, "live-0")) {
      zombieProducer.initTransactions();
      liveProducer.initTransactions();
      zombie.subscribe(List.of(settings.dispatchTopic()));
      List<ConsumerRecord<String, WorkUnitDispatch>> zombiePolled = pollAll(zombie);
      ConsumerGroupMetadata zombieGeneration = zombie.groupMetadata();
      ClaimBatch zombieBatch = plan(zombiePolled);
      assertThat(zombieBatch.claims()).hasSize(UNITS.size());

      // The zombie stalls; the live member joins and is handed the partition once the zombie's
      // poll interval is over.
      live.subscribe(List.of(settings.dispatchTopic()));
      List<ConsumerRecord<String, WorkUnitDispatch>> livePolled = pollAll(live);

      ClaimTransactions zombieWrites = transactions(settings, "zombie");
      assertThatThrownBy(
              () ->
                  zombieWrites.commit(
                      zombieProducer, zombieGeneration, List.of(), zombieBatch, Instant.now(), 1))
          .isInstanceOf(KafkaException.class);
      zombieProducer.abortTransaction();

      transactions(settings, "live")
          .commit(
              liveProducer, live.groupMetadata(), List.of(), plan(livePolled), Instant.now(), 1);

      // The live claims come after the zombie's aborted ones in the event log: once they are read,
      // anything the zombie had committed would have been read too.
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> log.units(EventTypes.UNIT_STARTED).size() >= UNITS.size());
      assertThat(log.units(EventTypes.UNIT_CLAIMED)).containsExactlyElementsOf(UNITS);
      assertThat(log.claimers().values()).containsOnly("live");
      TopicPartition tp = new TopicPartition(settings.dispatchTopic(), 0);
      assertThat(live.committed(java.util.Set.of(tp)))
          .containsEntry(tp, new OffsetAndMetadata(UNITS.size()));
    }
  }

  /** Polls until every published dispatch came back (the first poll may only join the group). */
  private static List<ConsumerRecord<String, WorkUnitDispatch>> pollAll(
      KafkaConsumer<String, WorkUnitDispatch> consumer) {
    List<ConsumerRecord<String, WorkUnitDispatch>> polled = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              consumer.poll(Duration.ofMillis(100)).forEach(polled::add);
              return polled.size() >= UNITS.size();
            });
    return polled;
  }

  private static ClaimBatch plan(List<ConsumerRecord<String, WorkUnitDispatch>> polled) {
    return ClaimBatch.plan(polled, "node", 8, () -> Optional.of(ClaimGate.Admission.NONE));
  }

  /** The transactions of a loop of node {@code nodeId}, whose events name that node. */
  private static ClaimTransactions transactions(WorkerSettings settings, String nodeId) {
    return new ClaimTransactions(
        nodeId + "-0",
        settings.topics().events().name(),
        settings.topics().reports().name(),
        new WorkerEvents(nodeId, settings.substrate()));
  }
}
