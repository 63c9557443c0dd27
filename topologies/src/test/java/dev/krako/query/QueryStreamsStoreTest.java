package dev.krako.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store of an application that is not running answers nothing: every read is an {@link
 * InvalidStateStoreException}, which the API turns into 503. (The running case needs a broker:
 * TopologyTestDriver has no interactive-query metadata.)
 */
final class QueryStreamsStoreTest {

  @TempDir Path stateDir;

  @Test
  void aStoreOfAnApplicationThatHasNotStartedIsNotQueryable() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.table(
        "in", Consumed.with(Serdes.String(), Serdes.String()), Materialized.as("the-store"));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "query-store-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
      StreamsStore<String> store = new StreamsStore<>(streams, "the-store");

      assertThat(store.applicationState()).isEqualTo("CREATED");
      assertThatExceptionOfType(InvalidStateStoreException.class)
          .isThrownBy(() -> store.metadataFor("k"));
      assertThatExceptionOfType(InvalidStateStoreException.class)
          .isThrownBy(() -> store.get("k", 0));
      assertThatExceptionOfType(InvalidStateStoreException.class)
          .isThrownBy(() -> store.scan(v -> true));
      assertThatExceptionOfType(InvalidStateStoreException.class)
          .isThrownBy(store::activePlacement);
    }
  }
}
