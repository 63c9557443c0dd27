package dev.krako.topology;

import dev.krako.streams.StreamsSettings;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.Topic;
import dev.krako.topics.TopicNames;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** Shared settings of the TopologyTestDriver suites. */
public final class TopologyTestSupport {

  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  public static final KrakoTopics TOPICS = new KrakoTopics(TopicNames.defaults());

  private TopologyTestSupport() {}

  /** The driver's input for a Krako topic, with the topic's own serdes. */
  public static <K, V> TestInputTopic<K, V> input(TopologyTestDriver driver, Topic<K, V> topic) {
    return driver.createInputTopic(
        topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  /** The driver's output of a Krako topic, with the topic's own serdes. */
  public static <K, V> TestOutputTopic<K, V> output(TopologyTestDriver driver, Topic<K, V> topic) {
    return driver.createOutputTopic(
        topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  /** The production settings, so the tests run the same handlers and naming rules. */
  public static Properties properties(String applicationId, Path stateDir) {
    return new StreamsSettings(
            applicationId,
            "unused:9092",
            stateDir,
            TOPICS.names().deadLetter(),
            applicationId,
            Map.of())
        .toProperties();
  }
}
