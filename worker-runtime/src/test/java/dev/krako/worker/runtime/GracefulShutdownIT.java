package dev.krako.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.krako.avro.Substrate;
import dev.krako.events.EventTypes;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import dev.krako.topics.KrakoTopics;
import dev.krako.worker.execution.ExecutionUsage;
import dev.krako.worker.execution.Outcome;
import dev.krako.worker.execution.UnitExecutor;
import dev.krako.worker.execution.UnitTask;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Closing a node while it runs a unit: it claims nothing more, the unit finishes and is reported,
 * the node reports itself down and leaves its group, and the units it had fetched but not claimed
 * go to the next node.
 */
@ExtendWith(KafkaBrokerExtension.class)
class GracefulShutdownIT {

  private static final List<String> UNITS = List.of("u0", "u1", "u2");

  @Test
  void closingLetsTheUnitInFlightFinishAndClaimsNothingMore(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    KrakoTopics topics = WorkerTopics.create(broker, names.topic("shutdown"), Substrate.cpu, 1);
    WorkerSettings first =
        new WorkerSettings(
            broker.bootstrapServers(),
            topics,
            Substrate.cpu,
            names.groupId("cpu"),
            names.groupId("first-node"),
            1,
            Duration.ofMillis(50));
    HeldUnit held = new HeldUnit("u0");

    try (EventLog log = new EventLog(broker, topics)) {
      WorkerPool pool =
          WorkerPool.start(first, held, Clock.systemUTC()).awaitReady(Duration.ofSeconds(60));
      EventLog.publish(broker, topics, Substrate.cpu, "{\"handler\":\"echo\"}", UNITS);
      assertThat(held.started.await(30, TimeUnit.SECONDS)).isTrue();

      CompletableFuture<Void> closing = CompletableFuture.runAsync(pool::close);
      await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(2))
          .until(() -> !closing.isDone());
      held.release.countDown();
      closing.get(20, TimeUnit.SECONDS);

      assertThat(held.ran).containsExactly("u0");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> log.healthStatuses(first.nodeId(), "shutdown").equals(List.of("down")));
      assertThat(log.units(EventTypes.UNIT_CLAIMED)).containsExactly("u0");
      assertThat(log.units(EventTypes.UNIT_COMPLETED)).containsExactly("u0");

      HeldUnit next = new HeldUnit("none");
      WorkerPool second =
          WorkerPool.start(
              new WorkerSettings(
                  broker.bootstrapServers(),
                  topics,
                  Substrate.cpu,
                  first.poolId(),
                  names.groupId("second-node"),
                  1,
                  Duration.ofMillis(50)),
              next,
              Clock.systemUTC());
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> log.units(EventTypes.UNIT_COMPLETED).size() == 3);
      } finally {
        second.close();
      }
      assertThat(next.ran).containsExactly("u1", "u2");
      assertThat(log.units(EventTypes.UNIT_CLAIMED)).containsExactlyElementsOf(UNITS);
    }
  }

  /** Completes every unit; holds one until released. */
  private static final class HeldUnit implements UnitExecutor {
    final List<String> ran = new CopyOnWriteArrayList<>();
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final String heldUnit;

    HeldUnit(String heldUnit) {
      this.heldUnit = heldUnit;
    }

    @Override
    public Outcome execute(UnitTask task) {
      ran.add(task.workUnitId());
      if (task.workUnitId().equals(heldUnit)) {
        started.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return new Outcome.Completed(
          "{\"status\":\"ok\",\"task_id\":\"" + task.workUnitId() + "\"}", ExecutionUsage.cpu(0));
    }
  }
}
