package dev.krako.cli.bench;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open-loop load: publishes TaskGraphs at the offered rate whatever happens to them. One
 * scheduler thread wakes every {@value #TICK_MICROS} µs and sends every session that has become due
 * since ({@link OpenLoopSchedule}); sends are asynchronous, so a slow broker delays no later
 * session. Before each send the session is registered in the in-flight map with its due time, for
 * the {@link ResultCollector} to find by request id.
 */
final class LoadGenerator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);
  static final long TICK_MICROS = 2_000;

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final GraphMix mix;
  private final String runId;
  private final Map<String, Pending> inFlight;
  private final LongSupplier nanoClock;
  private final Clock wallClock;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, ProcessStats.BENCH_THREADS + "-load");
            t.setDaemon(true);
            return t;
          });
  private long sequence; // the ticker thread's alone: request ids are unique over the run

  LoadGenerator(
      Producer<String, byte[]> producer,
      String topic,
      GraphMix mix,
      String runId,
      Map<String, Pending> inFlight,
      LongSupplier nanoClock,
      Clock wallClock) {
    this.producer = producer;
    this.topic = topic;
    this.mix = mix;
    this.runId = runId;
    this.inFlight = inFlight;
    this.nanoClock = nanoClock;
    this.wallClock = wallClock;
  }

  /** Publishes the step's sessions on schedule; completes once the last one is sent. */
  CompletableFuture<Void> start(OpenLoopSchedule schedule, StepRecorder recorder) {
    Step step = step(schedule, recorder);
    CompletableFuture<Void> done = new CompletableFuture<>();
    ScheduledFuture<?> ticking =
        ticker.scheduleAtFixedRate(
            () -> {
              try {
                if (step.tick()) {
                  done.complete(null);
                }
              } catch (RuntimeException e) {
                done.completeExceptionally(e);
              }
            },
            0,
            TICK_MICROS,
            TimeUnit.MICROSECONDS);
    done.whenComplete((ignored, error) -> ticking.cancel(false));
    return done;
  }

  /** One step's publishing state; ticked by the scheduler, or by a test with its own clock. */
  Step step(OpenLoopSchedule schedule, StepRecorder recorder) {
    return new Step(schedule, recorder);
  }

  final class Step {
    private final OpenLoopSchedule schedule;
    private final StepRecorder recorder;
    private long sent;

    private Step(OpenLoopSchedule schedule, StepRecorder recorder) {
      this.schedule = schedule;
      this.recorder = recorder;
    }

    /** Sends every session due by now; true once the step has sent them all. */
    boolean tick() {
      long due = schedule.dueBy(nanoClock.getAsLong());
      while (sent < due) {
        publish(schedule.dueNanos(sent));
        sent++;
      }
      return sent >= schedule.totalSessions();
    }

    long sent() {
      return sent;
    }

    private void publish(long dueNanos) {
      long seq = sequence++;
      SessionShape shape = mix.shapeOf(seq);
      String requestId = runId + "-" + seq;
      byte[] document =
          mix.document(
              shape,
              requestId,
              mix.tenantOf(seq),
              wallClock.instant().truncatedTo(ChronoUnit.MILLIS));
      inFlight.put(requestId, new Pending(shape, dueNanos, recorder));
      recorder.published();
      producer.send(
          new ProducerRecord<>(topic, requestId, document),
          (metadata, error) -> {
            if (error != null && inFlight.remove(requestId) != null) {
              recorder.sendFailed();
              LOG.warn("The bench could not publish session {}: {}", requestId, error.toString());
            }
          });
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    producer.close();
  }
}
