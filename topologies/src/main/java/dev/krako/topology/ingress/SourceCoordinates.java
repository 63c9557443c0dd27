package dev.krako.topology.ingress;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Where a submission was read: kept so a rejection can point back at the record KORA sent. */
record SourceCoordinates(String topic, int partition, long offset) {

  static SourceCoordinates of(RecordMetadata metadata) {
    return new SourceCoordinates(metadata.topic(), metadata.partition(), metadata.offset());
  }

  void writeTo(Headers headers) {
    put(headers, IngressNames.SOURCE_TOPIC_HEADER, topic);
    put(headers, IngressNames.SOURCE_PARTITION_HEADER, Integer.toString(partition));
    put(headers, IngressNames.SOURCE_OFFSET_HEADER, Long.toString(offset));
  }

  /** The coordinates carried in headers, or these fallback ones when the headers are missing. */
  static SourceCoordinates from(Headers headers, SourceCoordinates fallback) {
    String topic = get(headers, IngressNames.SOURCE_TOPIC_HEADER);
    String partition = get(headers, IngressNames.SOURCE_PARTITION_HEADER);
    String offset = get(headers, IngressNames.SOURCE_OFFSET_HEADER);
    if (topic == null || partition == null || offset == null) {
      return fallback;
    }
    return new SourceCoordinates(topic, Integer.parseInt(partition), Long.parseLong(offset));
  }

  private static void put(Headers headers, String key, String value) {
    headers.remove(key);
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }

  private static String get(Headers headers, String key) {
    Header header = headers.lastHeader(key);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
