package dev.krako.streams;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one topology: start, wait until running, stop. A stream thread that dies of a broker-side
 * failure is replaced ({@link ThreadFailurePolicy}); any other death shuts the whole application
 * down (never a silent half-running process), and {@link #failure()} completes then, so the owner
 * can exit non-zero.
 */
public final class StreamsRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);

  private final String name;
  private final KafkaStreams streams;
  private final CountDownLatch running = new CountDownLatch(1);
  private final CompletableFuture<Throwable> failure = new CompletableFuture<>();

  public StreamsRunner(String name, Topology topology, StreamsSettings settings) {
    this.name = name;
    this.streams = new KafkaStreams(topology, settings.toProperties());
    ThreadFailurePolicy policy = new ThreadFailurePolicy(Clock.systemUTC());
    streams.setUncaughtExceptionHandler(
        e -> {
          StreamThreadExceptionResponse response = policy.decide(e);
          if (response == StreamThreadExceptionResponse.REPLACE_THREAD) {
            LOG.warn(
                "A stream thread of the {} topology died of a broker-side failure; replacing it.",
                name,
                e);
            return response;
          }
          LOG.error("The {} topology failed; shutting the application down.", name, e);
          failure.complete(e);
          return response;
        });
    streams.setStateListener(
        (next, previous) -> {
          LOG.info("The {} topology went from {} to {}.", name, previous, next);
          if (next == KafkaStreams.State.RUNNING) {
            running.countDown();
          } else if (next == KafkaStreams.State.ERROR) {
            failure.complete(new IllegalStateException("The " + name + " topology is in ERROR."));
          }
        });
  }

  /** Starts the topology and waits until it runs, or throws when it does not within the timeout. */
  public StreamsRunner start(Duration timeout) throws InterruptedException {
    streams.start();
    if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(
          "The "
              + name
              + " topology did not reach RUNNING within "
              + timeout
              + " (state "
              + streams.state()
              + ").");
    }
    return this;
  }

  public KafkaStreams streams() {
    return streams;
  }

  /** Completes with the cause when the topology fails for good. */
  public CompletableFuture<Throwable> failure() {
    return failure;
  }

  @Override
  public void close() {
    // Leave the group at once: the partitions move to the other instances (or to this one's
    // successor) now, instead of after the session timeout (45 s).
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
    LOG.info("The {} topology stopped.", name);
  }
}
