package dev.krako.cli;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of one Krako process, served as {@code /metrics} in the Prometheus text format
 * (docs/operations-processes.md): Micrometer's JVM, processor and uptime binders, its Kafka Streams
 * binder for each Streams application (every client metric of the application's consumers,
 * producers and stream threads), and {@code krako_component_running} per component. Tags are
 * bounded: component and application names, never ids of sessions or units.
 */
final class ProcessMetrics implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessMetrics.class);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Deque<AutoCloseable> binders = new ArrayDeque<>();

  ProcessMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    binders.push(gc);
  }

  /** Binds the client and stream-thread metrics of one Streams application. */
  void bindStreams(Component component, KafkaStreams streams) {
    KafkaStreamsMetrics metrics =
        new KafkaStreamsMetrics(streams, Tags.of("krako_component", component.wireName()));
    metrics.bindTo(registry);
    binders.push(metrics);
  }

  /** {@code krako_component_running{component}}: 1 while the component runs, else 0. */
  void componentRunning(Component component, BooleanSupplier running) {
    Gauge.builder("krako.component.running", () -> running.getAsBoolean() ? 1 : 0)
        .description("1 while the component runs (what /v1/ready reports), else 0")
        .tag("component", component.wireName())
        .register(registry);
  }

  /** The metrics in the Prometheus text format 0.0.4. */
  String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    while (!binders.isEmpty()) {
      try {
        binders.pop().close();
      } catch (Exception e) {
        LOG.warn("A metrics binder did not close cleanly: {}", e.toString());
      }
    }
    registry.close();
  }
}
