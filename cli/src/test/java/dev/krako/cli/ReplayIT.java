package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.krako.avro.Event;
import dev.krako.avro.LedgerEntry;
import dev.krako.avro.SessionResult;
import dev.krako.avro.StopReason;
import dev.krako.billing.LedgerLine;
import dev.krako.billing.LineItem;
import dev.krako.events.EventTypes;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import dev.krako.topics.TopicNames;
import dev.krako.topology.billing.LedgerCodec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The billing replay gate end to end: the whole system bills real runs on the real broker (CPU
 * chains, a unit that fails once and is retried, a model unit on the simulated LLM pod), then
 * {@code krako replay} rebuilds the ledger from the event log in a fresh topology and finds the
 * same digest, twice; a forged double bill in the live ledger is a mismatch.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ReplayIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final Pattern DIGEST = Pattern.compile("replayed digest +([0-9a-f]{64})");

  @TempDir Path stateDir;

  @Test
  void aReplayOfTheEventLogRebuildsTheLiveLedgerExactly(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    try (KrakoRun run = new KrakoRun(broker, names, stateDir)) {
      String prefix = prefixOf(run.topics.names());
      run.submit(Graphs.chain("g-chain-1", "req-chain-1"));
      run.submit(Graphs.chain("g-chain-2", "req-chain-2"));
      run.submit(Graphs.flaky("g-flaky", 100));
      run.submit(Graphs.model("g-model"));
      awaitResults(run, 4);
      String modelSession = sessionOf(run, "g-model");
      List<LedgerLine> live = awaitLedger(run, broker, modelSession);

      Replayed first = replay(broker, prefix);
      assertThat(first.exitCode()).as(first.output()).isEqualTo(KrakoCommand.OK);
      assertThat(first.output())
          .containsPattern("ledger entries +" + live.size() + " replayed, " + live.size() + " live")
          .containsPattern("tenants +1 replayed, 1 live")
          .endsWith(String.format("MATCH%n"));

      ReplayReport second =
          LedgerReplay.run(broker.bootstrapServers(), run.topics.names(), Duration.ofSeconds(60));
      assertThat(second.matches()).as(second.render()).isTrue();
      assertThat(second.replayed().digest()).isEqualTo(first.digest());
      assertThat(second.eventsRead()).isGreaterThanOrEqualTo(run.events.size());
      assertBilledOnceForItsRetry(run, second.replayed().entries());
      assertBilledOnceForItsRetry(run, second.live().entries());

      forgeADoubleBill(broker, run, live);
      Replayed forged = replay(broker, prefix);
      assertThat(forged.exitCode()).as(forged.output()).isEqualTo(ReplayCommand.MISMATCH);
      assertThat(forged.output())
          .contains(String.format("MISMATCH%n"))
          .contains("only in the live ledger: 3 line(s)");

      Replayed nowhere = replay(broker, prefix + "no-such-");
      assertThat(nowhere.exitCode()).isEqualTo(KrakoCommand.USAGE);
      assertThat(nowhere.errors()).contains("has no topic " + prefix + "no-such-krako.events");
      assertThat(run.system.failure()).isNotDone();
    }
  }

  private static void awaitResults(KrakoRun run, int sessions) {
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              run.poll();
              return run.results.size() >= sessions;
            });
    assertThat(run.results)
        .extracting(SessionResult::getStopReason)
        .as("every session succeeds")
        .containsOnly(StopReason.success);
    assertThat(run.results).hasSize(sessions);
  }

  /**
   * Waits until billing has written what the runs bill: one workunit_cpu entry per completed CPU
   * unit (the retried one included, once) and one llm_tokens entry per completed invocation.
   */
  private static List<LedgerLine> awaitLedger(
      KrakoRun run, LocalKafkaBroker broker, String modelSession) {
    List<String> cpuUnits =
        List.of("g-chain-1/a", "g-chain-1/b", "g-chain-2/a", "g-chain-2/b", "g-flaky/flaky");
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              run.poll();
              return LedgerReplay.liveLedger(
                  broker.bootstrapServers(), run.topics.names(), Duration.ofSeconds(10));
            },
            ledger -> {
              long calls =
                  run.eventsOf(modelSession).stream()
                      .filter(e -> e.getEventType().equals(EventTypes.LLM_COMPLETED))
                      .count();
              List<String> cpu =
                  ledger.stream()
                      .filter(e -> e.lineItem() == LineItem.WORKUNIT_CPU)
                      .map(e -> e.work().graphId() + "/" + e.work().workUnitId())
                      .toList();
              long tokens =
                  ledger.stream().filter(e -> e.lineItem() == LineItem.LLM_TOKENS).count();
              return calls >= 1
                  && tokens == calls
                  && cpu.size() == cpuUnits.size()
                  && cpu.containsAll(cpuUnits);
            });
  }

  private static void assertBilledOnceForItsRetry(KrakoRun run, List<LedgerLine> ledger) {
    String flakySession = sessionOf(run, "g-flaky");
    assertThat(run.eventsOf(flakySession))
        .filteredOn(e -> e.getEventType().equals(EventTypes.UNIT_FAILED))
        .extracting(Event::getAttemptIndex)
        .as("the flaky unit failed its first attempt")
        .containsExactly(0);
    assertThat(ledger)
        .filteredOn(e -> e.sessionId().equals(flakySession))
        .filteredOn(e -> e.lineItem() == LineItem.WORKUNIT_CPU)
        .extracting(e -> e.work().workUnitId() + "#" + e.work().attemptIndex())
        .containsExactly("flaky#1");
  }

  /** Writes one ledger entry a second time, as a billing bug that double-bills would. */
  private static void forgeADoubleBill(LocalKafkaBroker broker, KrakoRun run, List<LedgerLine> live)
      throws Exception {
    LedgerEntry again = LedgerCodec.toAvro(live.get(0));
    try (KafkaProducer<String, LedgerEntry> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            run.topics.ledger().keySerde().serializer(),
            run.topics.ledger().valueSerde().serializer())) {
      producer
          .send(new ProducerRecord<>(run.topics.ledger().name(), again.getTenantId(), again))
          .get();
    }
  }

  private static String sessionOf(KrakoRun run, String graphId) {
    return run.results.stream()
        .filter(r -> r.getGraphId().equals(graphId))
        .findFirst()
        .orElseThrow()
        .getSessionId();
  }

  /** The prefix KrakoRun put before the default topic names. */
  private static String prefixOf(TopicNames names) {
    String events = names.events();
    return events.substring(0, events.length() - TopicNames.defaults().events().length());
  }

  /** What one {@code krako replay} printed and returned. */
  private record Replayed(int exitCode, String output, String errors) {

    String digest() {
      Matcher m = DIGEST.matcher(output);
      assertThat(m.find()).as(output).isTrue();
      return m.group(1);
    }
  }

  private static Replayed replay(LocalKafkaBroker broker, String prefix) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new KrakoCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute(
            "replay", "--bootstrap-servers", broker.bootstrapServers(), "--topic-prefix", prefix);
    return new Replayed(code, out.toString(), err.toString());
  }
}
