package dev.krako.worker.runtime;

import dev.krako.avro.Event;
import dev.krako.avro.NodeHealthUpdated;
import dev.krako.avro.Substrate;
import dev.krako.avro.VerificationMode;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.avro.WorkUnitType;
import dev.krako.events.EventTypes;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.topics.KrakoTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The event topic as a test sees it: a thread of its own reads every committed event into a list,
 * and the test asks about them. Also publishes dispatches.
 */
final class EventLog implements AutoCloseable {

  private final List<ConsumerRecord<String, Event>> records = new CopyOnWriteArrayList<>();
  private final KafkaConsumer<String, Event> consumer;
  private final Thread thread;

  EventLog(LocalKafkaBroker broker, KrakoTopics topics) {
    this(broker, topics, topics.events().name());
  }

  /** The orchestrator's copy of the claims and outcomes (ADR 026), read like the event log. */
  static EventLog reports(LocalKafkaBroker broker, KrakoTopics topics) {
    return new EventLog(broker, topics, topics.reports().name());
  }

  private EventLog(LocalKafkaBroker broker, KrakoTopics topics, String topic) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "witness-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            topics.events().keySerde().deserializer(),
            topics.events().valueSerde().deserializer());
    consumer.subscribe(List.of(topic));
    thread = new Thread(this::read, "event-log-witness");
    thread.setDaemon(true);
    thread.start();
  }

  private void read() {
    try {
      while (true) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
    } catch (WakeupException e) {
      // closed
    } finally {
      consumer.close();
    }
  }

  /** The work unit ids of the events of this type, in log order. */
  List<String> units(String eventType) {
    return records.stream()
        .map(ConsumerRecord::value)
        .filter(e -> e.getEventType().equals(eventType))
        .map(Event::getWorkUnitId)
        .toList();
  }

  /**
   * The offset of the first event of this type that this node wrote for this unit, or -1. Two
   * events of one transaction on one partition have consecutive offsets; a commit marker takes an
   * offset between two transactions.
   */
  long offset(String unit, String nodeId, String eventType) {
    return records.stream()
        .filter(r -> r.value().getEventType().equals(eventType))
        .filter(r -> r.value().getWorkUnitId().equals(unit))
        .filter(r -> r.value().getSource().getId().equals(nodeId))
        .mapToLong(ConsumerRecord::offset)
        .findFirst()
        .orElse(-1);
  }

  /** The nodes that claimed the units, as {@code unit -> node id}, in log order. */
  Map<String, String> claimers() {
    Map<String, String> claimers = new java.util.LinkedHashMap<>();
    records.stream()
        .map(ConsumerRecord::value)
        .filter(e -> e.getEventType().equals(EventTypes.UNIT_CLAIMED))
        .forEach(e -> claimers.put(e.getWorkUnitId(), e.getSource().getId()));
    return claimers;
  }

  /** The units whose claims name this node, in log order (a unit claimed twice is there twice). */
  List<String> claimedBy(String nodeId) {
    return records.stream()
        .map(ConsumerRecord::value)
        .filter(e -> e.getEventType().equals(EventTypes.UNIT_CLAIMED))
        .filter(e -> e.getSource().getId().equals(nodeId))
        .map(Event::getWorkUnitId)
        .toList();
  }

  /** The failures reported, as {@code unit:error_code}. */
  List<String> failures() {
    return records.stream()
        .map(ConsumerRecord::value)
        .filter(e -> e.getEventType().equals(EventTypes.UNIT_FAILED))
        .map(e -> e.getWorkUnitId() + ":" + ((WorkUnitFailed) e.getPayload()).getErrorCode())
        .toList();
  }

  /** The health reports of a node, in log order (all keyed by the node id). */
  List<NodeHealthUpdated> health(String nodeId) {
    return records.stream()
        .filter(r -> nodeId.equals(r.key()))
        .map(ConsumerRecord::value)
        .filter(e -> e.getEventType().equals(EventTypes.NODE_HEALTH_UPDATED))
        .map(e -> (NodeHealthUpdated) e.getPayload())
        .toList();
  }

  /** The statuses of a node's health reports of one reason (start, periodic, breaker, shutdown). */
  List<String> healthStatuses(String nodeId, String reason) {
    return health(nodeId).stream()
        .filter(h -> h.getDetail().contains("\"reason\":\"" + reason + "\""))
        .map(NodeHealthUpdated::getStatus)
        .toList();
  }

  @Override
  public void close() {
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Publishes one dispatch per unit id, in order, to the substrate's dispatch topic. */
  static void publish(
      LocalKafkaBroker broker,
      KrakoTopics topics,
      Substrate substrate,
      String runJson,
      List<String> units)
      throws Exception {
    var topic = topics.dispatch(substrate);
    try (KafkaProducer<String, WorkUnitDispatch> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer())) {
      for (String unit : units) {
        producer
            .send(
                new ProducerRecord<>(topic.name(), "session-1", dispatch(substrate, runJson, unit)))
            .get();
      }
    }
  }

  /** Attempt 0 of one unit of {@code session-1}, unverified, with no dependencies. */
  static WorkUnitDispatch dispatch(Substrate substrate, String runJson, String unit) {
    return WorkUnitDispatch.newBuilder()
        .setSessionId("session-1")
        .setTenantId("t")
        .setGraphId("g")
        .setWorkUnitId(unit)
        .setAttemptIndex(0)
        .setType(substrate == Substrate.llm_pod ? WorkUnitType.llm : WorkUnitType.deterministic)
        .setSubstrate(substrate)
        .setRunJson(runJson)
        .setInputJson("{}")
        .setDependencyIds(List.of())
        .setDependencyOutputs(Map.of())
        .setVerificationMode(VerificationMode.none)
        .setDispatchedAt(Instant.EPOCH)
        .build();
  }
}
