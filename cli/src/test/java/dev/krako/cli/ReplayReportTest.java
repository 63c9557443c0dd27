package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.billing.LedgerLine;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The replay's table and verdict, and the command's exit codes without a broker. */
class ReplayReportTest {

  @Test
  void equalStatesMatchAndSayHowMuchWasRead() throws IOException {
    BillingState replayed = scenario();

    ReplayReport report = report(replayed, BillingState.ofLedger(replayed.entries()));

    assertThat(report.matches()).isTrue();
    assertThat(report.render())
        .contains("Replay of p.krako.events (3 partitions)")
        .containsPattern("events read +40")
        .containsPattern("ledger entries +7 replayed, 7 live")
        .containsPattern("tenants +2 replayed, 2 live")
        .containsPattern("replayed digest +" + EventLogFixture.SCENARIO_DIGEST)
        .containsPattern("live digest +" + EventLogFixture.SCENARIO_DIGEST)
        .endsWith(String.format("MATCH%n"));
  }

  @Test
  void aDoubleBillIsAMismatchThatShowsTheExtraLines() throws IOException {
    BillingState replayed = scenario();
    List<LedgerLine> doubled = new ArrayList<>(replayed.entries());
    doubled.add(replayed.entries().get(0));

    ReplayReport report = report(replayed, BillingState.ofLedger(doubled));

    assertThat(report.matches()).isFalse();
    assertThat(report.render())
        .containsPattern("ledger entries +7 replayed, 8 live")
        .contains(String.format("MISMATCH%n"))
        // the entry once more, and the tenant's wallet and the session's total it changed
        .contains("only in the replay: 2 line(s)")
        .contains("only in the live ledger: 3 line(s)")
        .contains("    entry ")
        .contains("    wallet ");
  }

  @Test
  void aMissingEntryIsAMismatch() throws IOException {
    BillingState replayed = scenario();

    ReplayReport report = report(replayed, BillingState.ofLedger(replayed.entries().subList(1, 7)));

    assertThat(report.matches()).isFalse();
    assertThat(report.render())
        .contains("only in the replay: ")
        .contains("only in the live ledger");
  }

  @Test
  void noBrokerExitsWithUnavailableAndAsksForKrakoDev() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new KrakoCommand());
    cli.setErr(new PrintWriter(err));

    int code = cli.execute("replay", "--bootstrap-servers", "127.0.0.1:1", "--timeout", "PT2S");

    assertThat(code).isEqualTo(KrakoCommand.UNAVAILABLE);
    assertThat(err.toString()).contains("no broker answered at 127.0.0.1:1").contains("krako dev");
  }

  private static BillingState scenario() throws IOException {
    KrakoTopics topics = new KrakoTopics(TopicNames.defaults());
    try (BillingReplay billing = BillingReplay.fresh(topics)) {
      EventLogFixture.concatenated(EventLogFixture.scenario()).forEach(billing::feed);
      return billing.state();
    }
  }

  private static ReplayReport report(BillingState replayed, BillingState live) {
    return new ReplayReport("p.krako.events", 3, 40, "p.krako.ledger", replayed, live);
  }
}
