package dev.krako.cli;

import dev.krako.avro.Event;
import dev.krako.avro.GraphRejected;
import dev.krako.avro.SessionResult;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaTestNames;
import dev.krako.query.ApiKeys;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One Krako system on the shared test broker, with its own topics, application ids and groups, plus
 * readers of what it writes. Everything is real: broker, topologies, worker, clients.
 */
final class KrakoRun implements AutoCloseable {

  /** The tenant of the test graphs ({@link Graphs}), and a query API key of it. */
  static final String TENANT = "tenant-it";

  final KrakoTopics topics;
  final String apiKey = ApiKeys.newKey();
  KrakoSystem system;
  private final LocalKafkaBroker broker;
  final String prefix;
  private final GraphSubmitter submitter;
  private final KafkaConsumer<String, byte[]> reader;
  final List<Event> events = new ArrayList<>();
  final List<SessionResult> results = new ArrayList<>();
  final List<GraphRejected> rejections = new ArrayList<>();
  private final Set<String> read = new HashSet<>();

  /** How many records {@link #poll} was handed again and skipped. */
  int readAgain;

  KrakoRun(LocalKafkaBroker broker, KafkaTestNames names, Path stateDir) throws Exception {
    this.broker = broker;
    this.prefix = names.topic("k") + ".";
    TopicNames topicNames = TopicNames.defaults().withPrefix(prefix);
    this.topics = new KrakoTopics(topicNames);
    broker.createTopics(KrakoTopicSpecs.all(topicNames, 3));
    this.system =
        KrakoSystem.start(
            new KrakoSystem.Settings(
                    broker.bootstrapServers(), topicNames, stateDir, prefix, 1, "127.0.0.1", 0)
                .withApiKeys(ApiKeys.of(Map.of(apiKey, TENANT))));
    this.submitter = new GraphSubmitter(broker.bootstrapServers(), topicNames.taskGraphs());
    this.reader =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    reader.subscribe(List.of(topicNames.events(), topicNames.results(), topicNames.rejected()));
  }

  /**
   * Stops the system and starts it again with the same application ids and groups, from a fresh
   * state directory: every store is restored from its changelog.
   */
  void restart(Path freshStateDir) throws Exception {
    system.close();
    system =
        KrakoSystem.start(
            new KrakoSystem.Settings(
                    broker.bootstrapServers(),
                    topics.names(),
                    freshStateDir,
                    prefix,
                    1,
                    "127.0.0.1",
                    0)
                .withApiKeys(ApiKeys.of(Map.of(apiKey, TENANT))));
  }

  void submit(String json) throws Exception {
    submitter.submit(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads whatever has arrived; call it inside an await. A record read again is skipped by its
   * coordinates: after a broker outage the reader's group may rejoin and resume from its last
   * auto-committed offset, and a record it read twice is not a second record (a real duplicate is
   * another offset, and is kept).
   */
  void poll() {
    for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(100))) {
      if (!read.add(r.topic() + "-" + r.partition() + "@" + r.offset())) {
        readAgain++;
        continue;
      }
      if (r.topic().equals(topics.events().name())) {
        events.add(topics.events().valueSerde().deserializer().deserialize(r.topic(), r.value()));
      } else if (r.topic().equals(topics.results().name())) {
        results.add(topics.results().valueSerde().deserializer().deserialize(r.topic(), r.value()));
      } else {
        rejections.add(
            topics.rejected().valueSerde().deserializer().deserialize(r.topic(), r.value()));
      }
    }
  }

  /** The events of one session, in log order (one session lives in one partition). */
  List<Event> eventsOf(String sessionId) {
    return events.stream().filter(e -> sessionId.equals(e.getSessionId())).toList();
  }

  @Override
  public void close() {
    reader.close();
    submitter.close();
    system.close();
  }
}
