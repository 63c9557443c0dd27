package dev.krako.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.krako.avro.LedgerEntry;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.TopicSpec;
import dev.krako.kafka.local.junit.KafkaTestNames;
import dev.krako.kafka.local.junit.WithKafkaBroker;
import dev.krako.schemas.AvroSerdes;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger export end to end: billing's ledger on a real broker, a real Connect worker with
 * Debezium's JDBC sink and {@link LedgerEntryConverter} configured from connectors/config, and a
 * real PostgreSQL. The table must equal the ledger row by row (amounts exactly), stay equal after a
 * restart of the worker and a replay of the whole topic (the upsert on entry_id), and a poison
 * record must go to the dead-letter topic while the export goes on.
 */
@WithKafkaBroker
class LedgerExportIT {

  private static final Path CONFIG = Path.of("config");
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final byte[] POISON = "not a ledger entry".getBytes(StandardCharsets.UTF_8);

  private static LocalPostgres postgres;
  private static LedgerTable table;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = LocalPostgres.start();
    table = new LedgerTable(postgres);
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void theTableIsTheLedgerAfterARestartAndAReplayAndAPoisonRecordGoesToTheDeadLetterTopic(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    String ledgerTopic = names.topic("krako.ledger");
    String deadLetters = names.topic("krako.ledger.connect-dlq");
    String connector = names.groupId("krako-ledger-postgres");
    broker.createTopics(List.of(TopicSpec.of(ledgerTopic, 3)));
    Map<String, String> worker = workerConfig(broker, names);
    Map<String, String> sink = connectorConfig(ledgerTopic, deadLetters);
    List<LedgerEntry> before = LedgerFixture.entries(0, 5);
    List<LedgerEntry> after = LedgerFixture.entries(5, 3);
    List<LedgerEntry> ledger = new ArrayList<>(before);
    ledger.addAll(after);

    try (KafkaProducer<String, byte[]> producer = producer(broker)) {
      int half = before.size() / 2;
      send(producer, ledgerTopic, before.subList(0, half));
      // The poison record sits in the middle of the tenant-a partition's entries.
      producer.send(new ProducerRecord<>(ledgerTopic, "tenant-a", POISON)).get();
      send(producer, ledgerTopic, before.subList(half, before.size()));
    }

    try (ConnectWorker connect = ConnectWorker.start(worker)) {
      connect.putConnector(connector, sink);
      awaitTable(before);
      awaitDeadLetters(broker, deadLetters, 1);
    }
    assertThat(table.rows()).isEqualTo(LedgerTable.expectedRows(before));
    table.assertCreatedAsDocumented();

    try (ConnectWorker connect = ConnectWorker.start(worker);
        KafkaProducer<String, byte[]> producer = producer(broker)) {
      send(producer, ledgerTopic, after);
      awaitTable(ledger);

      connect.replayFromTheBeginning(connector);
      // The poison record read a second time proves the replay started from the beginning;
      // offsets committed up to the end prove it read everything after it too.
      awaitDeadLetters(broker, deadLetters, 2);
      awaitCommittedToTheEnd(broker, "connect-" + connector, ledgerTopic);
      assertThat(connect.status(connector).tasks()).allMatch(t -> t.state().equals("RUNNING"));
    }
    assertThat(table.rows()).isEqualTo(LedgerTable.expectedRows(ledger));
  }

  private static Map<String, String> workerConfig(LocalKafkaBroker broker, KafkaTestNames names)
      throws IOException {
    Map<String, String> worker =
        new HashMap<>(properties(CONFIG.resolve("connect-distributed.properties")));
    worker.put("bootstrap.servers", broker.bootstrapServers());
    worker.put("group.id", names.groupId("krako-connect"));
    worker.put("config.storage.topic", names.topic("krako-connect-configs"));
    worker.put("offset.storage.topic", names.topic("krako-connect-offsets"));
    worker.put("status.storage.topic", names.topic("krako-connect-status"));
    for (String store : List.of("config", "offset", "status")) {
      worker.put(store + ".storage.replication.factor", "1");
    }
    worker.put("listeners", "http://127.0.0.1:0");
    worker.put("offset.flush.interval.ms", "1000");
    worker.remove("plugin.path"); // the plugins are on the test classpath
    return worker;
  }

  private static Map<String, String> connectorConfig(String topic, String deadLetters)
      throws IOException {
    Map<String, String> sink;
    try (Reader json = Files.newBufferedReader(CONFIG.resolve("krako-ledger-postgres.json"))) {
      sink =
          new ObjectMapper().readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
    }
    sink.put("topics", topic);
    sink.put("connection.url", postgres.jdbcUrl());
    sink.put("connection.username", postgres.user());
    sink.put("connection.password", "");
    sink.put("errors.deadletterqueue.topic.name", deadLetters);
    sink.put("errors.deadletterqueue.topic.replication.factor", "1");
    return sink;
  }

  private static void awaitTable(List<LedgerEntry> ledger) {
    List<Map<String, Object>> expected = LedgerTable.expectedRows(ledger);
    await("the table holds the ledger")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptionsInstanceOf(SQLException.class) // the sink creates the table
        .until(() -> table.rows().equals(expected));
  }

  private static void awaitDeadLetters(LocalKafkaBroker broker, String topic, int count) {
    await("the dead-letter topic holds " + count + " records")
        .atMost(PATIENCE)
        .until(() -> deadLetters(broker, topic).size() >= count);
    List<ConsumerRecord<byte[], byte[]>> records = deadLetters(broker, topic);
    assertThat(records).hasSize(count);
    for (ConsumerRecord<byte[], byte[]> record : records) {
      assertThat(record.value()).isEqualTo(POISON);
      Header reason = record.headers().lastHeader("__connect.errors.exception.message");
      assertThat(new String(reason.value(), StandardCharsets.UTF_8))
          .contains("is not a Krako LedgerEntry");
    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> deadLetters(
      LocalKafkaBroker broker, String topic) {
    Map<String, Object> config = new HashMap<>(broker.adminClientConfig());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  private static void awaitCommittedToTheEnd(LocalKafkaBroker broker, String group, String topic) {
    try (Admin admin = Admin.create(broker.adminClientConfig())) {
      await("connector group " + group + " committed up to the end of " + topic)
          .atMost(PATIENCE)
          .until(
              () -> {
                Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                return committed.size() == 3
                    && committed.entrySet().stream()
                        .allMatch(c -> c.getValue().offset() == ends.get(c.getKey()).offset());
              });
    }
  }

  private static KafkaProducer<String, byte[]> producer(LocalKafkaBroker broker) {
    Map<String, Object> config = new HashMap<>(broker.adminClientConfig());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  private static void send(
      KafkaProducer<String, byte[]> producer, String topic, List<LedgerEntry> entries)
      throws Exception {
    Serializer<LedgerEntry> avro = AvroSerdes.of(LedgerEntry.class).serializer();
    for (LedgerEntry entry : entries) {
      producer.send(
          new ProducerRecord<>(
              topic,
              null,
              entry.getEventTime().toEpochMilli(),
              entry.getTenantId(),
              avro.serialize(topic, entry)));
    }
    producer.flush();
  }

  private static Map<String, String> properties(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    Map<String, String> map = new HashMap<>();
    properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
    return map;
  }
}
