package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Exit codes and messages a person can act on, without a broker. */
class KrakoCommandTest {

  @Test
  void noCommandIsAUsageError() {
    assertThat(run()).isEqualTo(KrakoCommand.USAGE);
  }

  @Test
  void submittingAFileThatDoesNotExistIsAUsageError() {
    assertThat(run("submit", "no/such/graph.json")).isEqualTo(KrakoCommand.USAGE);
  }

  @Test
  void statusWithoutAnEndpointSaysItIsUnavailable() {
    assertThat(run("status", "g-1", "--url", "http://127.0.0.1:1"))
        .isEqualTo(KrakoCommand.UNAVAILABLE);
  }

  @Test
  void devWithoutASamplesFolderIsAUsageError() {
    assertThat(run("dev", "--once", "--samples", "no/such/folder")).isEqualTo(KrakoCommand.USAGE);
  }

  private static int run(String... args) {
    CommandLine cli = new CommandLine(new KrakoCommand());
    cli.setErr(new PrintWriter(new StringWriter()));
    return cli.execute(args);
  }
}
