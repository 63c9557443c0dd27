package dev.krako.cli;

import dev.krako.topics.TopicNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code krako replay}: the billing replay gate. Replays the whole event log into a fresh billing
 * topology in this process and compares the digest of what it bills with the digest of the live
 * ledger (docs/billing.md, "Replaying the ledger").
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description =
        "Replay the event log into a fresh billing topology (in this process) and compare its "
            + "ledger and wallets with the live ledger's, by digest. Exit 0 on MATCH, 1 on "
            + "MISMATCH, 2 when the topics do not exist, 3 when no broker answers or the logs "
            + "are not read within the timeout, 4 when the live ledger holds a record that is "
            + "not a ledger entry. Run it on a quiet system: billing that has not caught up "
            + "with the log mismatches.")
final class ReplayCommand implements Callable<Integer> {

  /** The exit code of a replay whose digest differs from the live ledger's. */
  static final int MISMATCH = 1;

  @Spec CommandSpec spec;

  @Option(
      names = "--bootstrap-servers",
      defaultValue = DevCommand.DEFAULT_BOOTSTRAP,
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}, the dev broker).")
  String bootstrapServers;

  @Option(
      names = "--topic-prefix",
      description = "Prefix of every topic name, as in <prefix>krako.events (default: none).")
  String topicPrefix = "";

  @Option(
      names = "--timeout",
      defaultValue = "PT60S",
      description =
          "How long reading both logs may take in all (ISO-8601, default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      ReplayReport report =
          LedgerReplay.run(
              bootstrapServers, TopicNames.defaults().withPrefix(topicPrefix), timeout);
      out.print(report.render());
      out.flush();
      return report.matches() ? KrakoCommand.OK : MISMATCH;
    } catch (LogReadException e) {
      String hint =
          switch (e.reason()) {
            case NO_BROKER -> " (is `krako dev` running?)";
            case NO_TOPIC -> " (is --topic-prefix right?)";
            case TIMED_OUT -> " (" + timeout + "; raise --timeout)";
            case UNREADABLE -> "";
          };
      err.println("krako replay: " + e.getMessage() + hint);
      err.flush();
      return switch (e.reason()) {
        case NO_BROKER, TIMED_OUT -> KrakoCommand.UNAVAILABLE;
        case NO_TOPIC -> KrakoCommand.USAGE;
        case UNREADABLE -> KrakoCommand.FAILED;
      };
    }
  }
}
