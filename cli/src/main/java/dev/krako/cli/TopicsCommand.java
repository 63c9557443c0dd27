package dev.krako.cli;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code krako topics}: the topics of a deployment. */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description = "Provision Krako's topics on a cluster.",
    subcommands = TopicsCommand.Create.class)
final class TopicsCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Name a command: create.");
  }

  /**
   * {@code krako topics create}: what the Helm chart's provisioning Job runs (docs/
   * operations-processes.md). Idempotent: run it at every install and upgrade.
   */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      defaultValueProvider = EnvDefaults.class,
      description =
          "Create the missing topics, raise partition counts lower than asked (never lowers),"
              + " and report what was done. Every option also reads KRAKO_<OPTION> from the"
              + " environment.")
  static final class Create implements Callable<Integer> {

    private static final long TIMEOUT_MS = 60_000;

    @Mixin ClusterOptions cluster;

    @Option(
        names = "--partitions",
        defaultValue = "6",
        description = "Partitions of every topic (env KRAKO_PARTITIONS; default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
        names = "--replication-factor",
        defaultValue = "1",
        description =
            "Replication factor of the topics it creates (env KRAKO_REPLICATION_FACTOR; default"
                + " ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Override
    public Integer call() throws InterruptedException {
      Map<String, Object> admin;
      try {
        if (partitions < 1 || replicationFactor < 1) {
          throw new IllegalArgumentException(
              "--partitions and --replication-factor must be at least 1.");
        }
        admin = new HashMap<>(cluster.clientSettings());
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.requireBootstrapServers());
      } catch (IOException | IllegalArgumentException e) {
        System.err.println("krako topics create: " + e.getMessage());
        return KrakoCommand.USAGE;
      }
      try (Admin client = Admin.create(admin)) {
        List<TopicProvisioning.Change> changes =
            new TopicProvisioning(client, TIMEOUT_MS)
                .apply(KrakoTopicSpecs.all(cluster.topicNames(), partitions), replicationFactor);
        changes.forEach(c -> System.out.println(c.describe()));
        System.out.printf(
            "%d topics as asked (%d partitions, replication factor %d for new ones).%n",
            changes.size(), partitions, replicationFactor);
        return KrakoCommand.OK;
      } catch (ExecutionException | TimeoutException e) {
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        System.err.println("krako topics create: the cluster refused or did not answer: " + cause);
        return KrakoCommand.UNAVAILABLE;
      }
    }
  }
}
