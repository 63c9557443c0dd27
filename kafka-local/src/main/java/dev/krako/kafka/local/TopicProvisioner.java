package dev.krako.kafka.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates topics idempotently and waits until every partition has a leader. */
final class TopicProvisioner {

  private static final Duration POLL = Duration.ofMillis(50);

  private final Admin admin;
  private final Duration timeout;

  TopicProvisioner(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /**
   * Creates each missing topic of {@code specs}; existing topics are left as they are.
   *
   * @throws LocalKafkaException if a topic cannot be created or has no leader within the timeout
   */
  void create(Collection<TopicSpec> specs) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    List<NewTopic> topics = specs.stream().map(TopicProvisioner::toNewTopic).toList();
    for (Map.Entry<String, KafkaFuture<Void>> created :
        admin.createTopics(topics).values().entrySet()) {
      try {
        created.getValue().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new LocalKafkaException(
              "The topic " + created.getKey() + " could not be created.", e.getCause());
        }
      }
    }
    awaitLeaders(specs.stream().map(TopicSpec::name).toList(), deadline);
  }

  /** Metadata reaches the broker's cache a moment after the controller accepts a topic. */
  private void awaitLeaders(List<String> names, Instant deadline) throws InterruptedException {
    ExecutionException last = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        if (allLed(admin.describeTopics(names).allTopicNames().get().values())) {
          return;
        }
      } catch (ExecutionException e) {
        last = e;
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new LocalKafkaException(
        "The topics " + names + " had no leader for every partition within " + timeout + ".", last);
  }

  private static boolean allLed(Collection<TopicDescription> descriptions) {
    return descriptions.stream()
        .flatMap(description -> description.partitions().stream())
        .map(TopicPartitionInfo::leader)
        .allMatch(leader -> leader != null && !leader.isEmpty());
  }

  private static NewTopic toNewTopic(TopicSpec spec) {
    return new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs());
  }
}
