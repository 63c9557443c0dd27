package dev.krako.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.krako.graph.Submission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes TaskGraph documents to the graph topic as KORA does: raw JSON, keyed by graph id. */
public final class GraphSubmitter implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;

  public GraphSubmitter(String bootstrapServers, String topic) {
    this.topic = topic;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                // Fail fast with a clear message when no broker answers.
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                15_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10_000),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /** Sends one document and waits for the broker's acknowledgement. */
  public RecordMetadata submit(byte[] document) throws ExecutionException, InterruptedException {
    return submit(document, null, null);
  }

  /**
   * Sends one document with the tenant and request id headers that KORA Task IR 0.1 graphs need
   * (each may be null: no header), and waits for the broker's acknowledgement.
   */
  public RecordMetadata submit(byte[] document, String tenantId, String requestId)
      throws ExecutionException, InterruptedException {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(topic, graphIdOf(document), document);
    if (tenantId != null) {
      record.headers().add(Submission.TENANT_HEADER, tenantId.getBytes(StandardCharsets.UTF_8));
    }
    if (requestId != null) {
      record.headers().add(Submission.REQUEST_HEADER, requestId.getBytes(StandardCharsets.UTF_8));
    }
    return producer.send(record).get();
  }

  /** The document's graph id, or null when it has none that can be read (ingress will say why). */
  public static String graphIdOf(byte[] document) {
    return textField(document, "graph_id");
  }

  /** The document's request id (TaskGraph 1.x), or null (a 0.1 graph, or unreadable). */
  public static String requestIdOf(byte[] document) {
    return textField(document, "request_id");
  }

  private static String textField(byte[] document, String name) {
    try {
      JsonNode value = JSON.readTree(document).path(name);
      return value.isTextual() ? value.textValue() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
