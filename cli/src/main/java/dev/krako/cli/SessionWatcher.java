package dev.krako.cli;

import dev.krako.avro.Event;
import dev.krako.avro.GraphRejected;
import dev.krako.avro.SessionResult;
import dev.krako.topics.KrakoTopics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the event log, the results and the rejections, prints each as a line a person can read,
 * and remembers which graphs have reached an outcome (a result or a rejection).
 */
public final class SessionWatcher implements Runnable, AutoCloseable {

  private final KrakoTopics topics;
  private final KafkaConsumer<String, byte[]> consumer;
  private final PrintStream out;
  private final Map<String, String> outcomes = new ConcurrentHashMap<>();
  private volatile boolean running = true;

  public SessionWatcher(String bootstrapServers, KrakoTopics topics, PrintStream out) {
    this.topics = topics;
    this.out = out;
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "krako-cli-watch-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer());
  }

  @Override
  public void run() {
    consumer.subscribe(
        List.of(topics.events().name(), topics.results().name(), topics.rejected().name()));
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          print(record);
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop
    } finally {
      consumer.close();
    }
  }

  /**
   * "graph id/request id" → "completed", "failed" or "rejected", for every submission that reached
   * an outcome.
   */
  public Map<String, String> outcomes() {
    return Map.copyOf(outcomes);
  }

  public boolean allReachedAnOutcome(Set<String> submissions) {
    return outcomes.keySet().containsAll(submissions);
  }

  /** How a submission is named in {@link #outcomes()}. */
  public static String submission(String graphId, String requestId) {
    return graphId + "/" + requestId;
  }

  private void print(ConsumerRecord<String, byte[]> record) {
    try {
      if (record.topic().equals(topics.events().name())) {
        Event e =
            topics.events().valueSerde().deserializer().deserialize(record.topic(), record.value());
        out.println(Rendering.event(e));
      } else if (record.topic().equals(topics.results().name())) {
        SessionResult r =
            topics
                .results()
                .valueSerde()
                .deserializer()
                .deserialize(record.topic(), record.value());
        outcomes.put(submission(r.getGraphId(), r.getRequestId()), r.getStatus().name());
        out.println(Rendering.result(r));
      } else {
        GraphRejected r =
            topics
                .rejected()
                .valueSerde()
                .deserializer()
                .deserialize(record.topic(), record.value());
        if (r.getExistingSessionId() == null) {
          outcomes.put(submission(r.getGraphId(), r.getRequestId()), "rejected");
        }
        out.println(Rendering.rejection(r));
      }
    } catch (SerializationException e) {
      out.println(
          "(a record at "
              + record.topic()
              + "-"
              + record.partition()
              + "@"
              + record.offset()
              + " could not be read: "
              + e.getMessage()
              + ")");
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
  }
}
