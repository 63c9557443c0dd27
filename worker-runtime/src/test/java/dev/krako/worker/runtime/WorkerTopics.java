package dev.krako.worker.runtime;

import dev.krako.avro.Substrate;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.TopicSpec;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import java.util.List;

/** The topics a worker node of one pool writes and reads, created for one test. */
final class WorkerTopics {

  private WorkerTopics() {}

  /**
   * Creates, under {@code prefix}, the pool's dispatch topic, the event log, the reports and the
   * heartbeats with {@code partitions} partitions each, and the dead-letter topic with one.
   */
  static KrakoTopics create(
      LocalKafkaBroker broker, String prefix, Substrate substrate, int partitions) {
    KrakoTopics topics = new KrakoTopics(TopicNames.defaults().withPrefix(prefix + "."));
    broker.createTopics(
        List.of(
            TopicSpec.of(topics.dispatch(substrate).name(), partitions),
            TopicSpec.of(topics.events().name(), partitions),
            TopicSpec.of(topics.reports().name(), partitions),
            TopicSpec.of(topics.heartbeats().name(), partitions),
            TopicSpec.of(topics.deadLetter().name(), 1)));
    return topics;
  }
}
