package dev.krako.cli.bench;

import dev.krako.kafka.local.TopicSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Creates the bench's topics on any broker (the local one or one given with {@code
 * --bootstrap-servers}, hence the broker's default replication factor) and returns once every
 * partition has a leader, so that clients assigned to them right after see them all.
 */
final class BenchTopics {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Admin admin;

  BenchTopics(Admin admin) {
    this.admin = admin;
  }

  void create(Collection<TopicSpec> specs)
      throws InterruptedException, ExecutionException, TimeoutException {
    admin
        .createTopics(
            specs.stream()
                .map(
                    s ->
                        new NewTopic(s.name(), Optional.of(s.partitions()), Optional.empty())
                            .configs(s.configs()))
                .toList())
        .all()
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!allLed(specs)) {
      if (System.nanoTime() - deadline > 0) {
        throw new TimeoutException("The bench's topics have no leaders after " + TIMEOUT);
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  private boolean allLed(Collection<TopicSpec> specs) throws InterruptedException {
    try {
      Map<String, TopicDescription> described =
          admin
              .describeTopics(specs.stream().map(TopicSpec::name).toList())
              .allTopicNames()
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      for (TopicSpec spec : specs) {
        TopicDescription d = described.get(spec.name());
        if (d == null
            || d.partitions().size() < spec.partitions()
            || d.partitions().stream().map(TopicPartitionInfo::leader).anyMatch(l -> l == null)) {
          return false;
        }
      }
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false; // not known everywhere yet: ask again
    }
  }
}
