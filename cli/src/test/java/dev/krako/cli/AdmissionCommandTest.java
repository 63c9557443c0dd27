package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code krako admission}'s usage errors, found before any broker is contacted. */
class AdmissionCommandTest {

  @Test
  void anUnknownModeIsAUsageErrorNamingTheModes() {
    assertThat(run("admission", "set", "closed", "--bootstrap-servers", "127.0.0.1:1"))
        .isEqualTo(KrakoCommand.USAGE);
  }

  @Test
  void setWithoutAModeIsAUsageError() {
    assertThat(run("admission", "set")).isEqualTo(KrakoCommand.USAGE);
  }

  @Test
  void theHelpListsSetAndAuto() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new KrakoCommand());
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute("admission", "--help")).isEqualTo(KrakoCommand.OK);
    assertThat(out.toString()).contains("set", "auto", "--reason");
  }

  private static int run(String... args) {
    CommandLine cli = new CommandLine(new KrakoCommand());
    cli.setErr(new PrintWriter(new StringWriter()));
    return cli.execute(args);
  }
}
