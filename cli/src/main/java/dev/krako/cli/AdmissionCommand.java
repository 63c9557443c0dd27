package dev.krako.cli;

import dev.krako.capacity.AdmissionMode;
import dev.krako.schemas.AvroSerdes;
import dev.krako.topics.TopicNames;
import dev.krako.topology.capacity.CapacityNames;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code krako admission set MODE [--reason TEXT]} and {@code krako admission auto}: an operator's
 * order to the capacity topology, written to krako.admission.commands (docs/capacity.md).
 */
@Command(
    name = "admission",
    mixinStandardHelpOptions = true,
    description =
        "Hold the admission mode (normal, throttled, rejecting) or hand it back to the backlog"
            + " rule. The capacity topology applies the order and announces the change as"
            + " capacity.admission.mode.changed.",
    subcommands = {AdmissionCommand.Set.class, AdmissionCommand.Auto.class})
final class AdmissionCommand {

  @Option(
      names = "--bootstrap-servers",
      defaultValue = DevCommand.DEFAULT_BOOTSTRAP,
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}, the dev broker).")
  String bootstrapServers;

  @Option(
      names = "--topic",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "The admission command topic (default: krako.admission.commands).")
  String topic = TopicNames.defaults().admissionCommands();

  @Option(
      names = "--reason",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      defaultValue = "no reason given",
      description = "Why: it is carried into the mode-changed event and the rejections.")
  String reason;

  @Command(name = "set", mixinStandardHelpOptions = true, description = "Hold an admission mode.")
  static final class Set implements Callable<Integer> {

    @ParentCommand AdmissionCommand parent;

    @Parameters(paramLabel = "MODE", description = "normal, throttled or rejecting.")
    String mode;

    @Override
    public Integer call() throws InterruptedException {
      try {
        AdmissionMode.parse(mode);
      } catch (IllegalArgumentException e) {
        System.err.println("krako admission set: " + e.getMessage());
        return KrakoCommand.USAGE;
      }
      return parent.send(mode);
    }
  }

  @Command(
      name = "auto",
      mixinStandardHelpOptions = true,
      description = "Hand the admission mode back to the backlog rule.")
  static final class Auto implements Callable<Integer> {

    @ParentCommand AdmissionCommand parent;

    @Override
    public Integer call() throws InterruptedException {
      return parent.send(null);
    }
  }

  /** Sends the order to partition 0, where the capacity topology reads it; waits for the ack. */
  int send(String mode) throws InterruptedException {
    dev.krako.avro.AdmissionCommand command =
        new dev.krako.avro.AdmissionCommand(
            mode, reason, System.getProperty("user.name", "operator"), Instant.now());
    try (KafkaProducer<String, dev.krako.avro.AdmissionCommand> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
            new StringSerializer(),
            AvroSerdes.of(dev.krako.avro.AdmissionCommand.class).serializer())) {
      producer.send(new ProducerRecord<>(topic, 0, CapacityNames.ADMISSION_KEY, command)).get();
      System.out.println(
          mode == null
              ? "Admission handed back to the backlog rule."
              : "Admission held at " + mode + " (" + reason + ").");
      return KrakoCommand.OK;
    } catch (ExecutionException | KafkaException e) {
      System.err.println(
          "krako admission: no broker answered at "
              + bootstrapServers
              + " (is `krako dev` running?): "
              + e.getMessage());
      return KrakoCommand.UNAVAILABLE;
    }
  }
}
