package dev.krako.cli;

import dev.krako.topics.TopicNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code krako submit FILE}: publishes a TaskGraph as KORA does. */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description =
        "Publish a TaskGraph JSON file to the graph topic. Validation happens in Krako: "
            + "watch `krako dev`'s output or the rejection topic for the verdict.")
final class SubmitCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "The TaskGraph JSON document.")
  Path file;

  @Option(
      names = "--bootstrap-servers",
      defaultValue = DevCommand.DEFAULT_BOOTSTRAP,
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}, the dev broker).")
  String bootstrapServers;

  @Option(names = "--topic", description = "The graph topic (default: kora.taskgraphs).")
  String topic = TopicNames.defaults().taskGraphs();

  @Option(
      names = "--tenant",
      description =
          "Tenant id sent as the krako-tenant-id header: required by KORA Task IR 0.1 "
              + "graphs, which carry none (1.x graphs carry their own tenant_id).")
  String tenant;

  @Option(
      names = "--request-id",
      description =
          "Request id sent as the krako-request-id header (0.1 graphs; default: the graph id).")
  String requestId;

  @Override
  public Integer call() throws InterruptedException {
    byte[] document;
    try {
      document = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      System.err.println("krako submit: no file " + file);
      return KrakoCommand.USAGE;
    } catch (IOException e) {
      System.err.println("krako submit: cannot read " + file + ": " + e.getMessage());
      return KrakoCommand.USAGE;
    }
    try (GraphSubmitter submitter = new GraphSubmitter(bootstrapServers, topic)) {
      RecordMetadata at = submitter.submit(document, tenant, requestId);
      System.out.printf(
          "Submitted %s (graph %s) to %s-%d@%d.%n",
          file, GraphSubmitter.graphIdOf(document), at.topic(), at.partition(), at.offset());
      return KrakoCommand.OK;
    } catch (ExecutionException | org.apache.kafka.common.KafkaException e) {
      System.err.println(
          "krako submit: no broker answered at "
              + bootstrapServers
              + " (is `krako dev` running?): "
              + e.getMessage());
      return KrakoCommand.UNAVAILABLE;
    }
  }
}
