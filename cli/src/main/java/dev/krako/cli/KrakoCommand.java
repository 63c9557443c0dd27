package dev.krako.cli;

import dev.krako.cli.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code krako} command. */
@Command(
    name = "krako",
    mixinStandardHelpOptions = true,
    version = "krako 0.1.0",
    description = "Krako 2.0: executes KORA TaskGraphs on Kafka Streams.",
    subcommands = {
      DevCommand.class,
      SubmitCommand.class,
      StatusCommand.class,
      ReplayCommand.class,
      BenchCommand.class,
      FuzzCommand.class,
      AdmissionCommand.class,
      ServeCommand.class,
      TopicsCommand.class,
      ConformanceCommand.class
    })
public final class KrakoCommand implements Runnable {

  /** Exit codes a script can act on. */
  public static final int OK = 0;

  public static final int NOT_FINISHED = 1;
  public static final int USAGE = 2;
  public static final int UNAVAILABLE = 3;
  public static final int FAILED = 4;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "Name a command: dev, submit, status, replay, bench, fuzz, admission, serve, topics or"
            + " conformance.");
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new KrakoCommand()).execute(args));
  }
}
