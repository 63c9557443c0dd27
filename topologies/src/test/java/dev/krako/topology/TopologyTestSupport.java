package dev.krako.topology;

import dev.krako.streams.StreamsSettings;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

/** Shared settings of the TopologyTestDriver suites. */
public final class TopologyTestSupport {

  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  public static final KrakoTopics TOPICS = new KrakoTopics(TopicNames.defaults());

  private TopologyTestSupport() {}

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
