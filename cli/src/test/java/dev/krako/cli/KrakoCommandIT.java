package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `krako submit` and `krako status` against a running system on the real broker. */
@ExtendWith(KafkaBrokerExtension.class)
class KrakoCommandIT {

  @TempDir Path dir;

  @Test
  void aSubmittedGraphRunsAndItsStatusIsReadable(LocalKafkaBroker broker, KafkaTestNames names)
      throws Exception {
    try (KrakoRun run = new KrakoRun(broker, names, dir.resolve("state"))) {
      Path file = dir.resolve("graph.json");
      Files.writeString(file, Graphs.chain("g-cli", "req-cli"));

      int submitted =
          new CommandLine(new KrakoCommand())
              .execute(
                  "submit",
                  file.toString(),
                  "--bootstrap-servers",
                  broker.bootstrapServers(),
                  "--topic",
                  run.topics.names().taskGraphs());
      assertThat(submitted).isEqualTo(KrakoCommand.OK);

      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                run.poll();
                return !run.results.isEmpty();
              });
      String url = "http://127.0.0.1:" + run.system.httpPort();
      Path key = Files.writeString(dir.resolve("api-key"), run.apiKey);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrintStream original = System.out;
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      int status;
      int withoutKey;
      try {
        status =
            new CommandLine(new KrakoCommand())
                .execute("status", "g-cli", "--url", url, "--api-key-file", key.toString());
        withoutKey = new CommandLine(new KrakoCommand()).execute("status", "g-cli", "--url", url);
      } finally {
        System.setOut(original);
      }
      assertThat(withoutKey).isEqualTo(KrakoCommand.USAGE);
      assertThat(status).isEqualTo(KrakoCommand.OK);
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("\"graph_id\" : \"g-cli\"")
          .contains("\"status\" : \"completed\"");
      assertThat(
              new CommandLine(new KrakoCommand())
                  .execute(
                      "status", "no-such-graph", "--url", url, "--api-key-file", key.toString()))
          .isEqualTo(KrakoCommand.NOT_FINISHED);
    }
  }
}
