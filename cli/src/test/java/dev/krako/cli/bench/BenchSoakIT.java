package dev.krako.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.cli.KrakoCommand;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code krako bench --soak}, kept short: the real broker and the whole system under 1 session/s
 * for 6 s, sampled every second through the load and its tail (the retention and two samples).
 * Asserts the table's shape and that the counts read the live store; how far the store levels off
 * is measured by a real soak (docs/state-size.md), never asserted here.
 */
@ExtendWith(KafkaBrokerExtension.class)
class BenchSoakIT {

  @TempDir Path out;

  @Test
  void aShortSoakSamplesTheOrchestrationStoresThroughTheLoadAndItsTail(LocalKafkaBroker broker)
      throws Exception {
    int code =
        new CommandLine(new KrakoCommand())
            .execute(
                "bench",
                "--bootstrap-servers",
                broker.bootstrapServers(),
                "--partitions",
                "3",
                "--soak",
                "6s",
                "--soak-rate",
                "1",
                "--soak-every",
                "1s",
                "--session-retention",
                "2s",
                "--out",
                out.toString());
    assertThat(code).isEqualTo(KrakoCommand.OK);

    List<String> lines = Files.readAllLines(only(out, "-soak.txt"));
    assertThat(lines.get(0)).startsWith("Krako soak: 1.0 sessions/s for 6s, session retention 2s");
    List<String[]> rows =
        lines.stream()
            .map(String::strip)
            .filter(l -> l.matches("\\d+s\\s+(on|off)\\s.*"))
            .map(l -> l.split("\\s+"))
            .toList();
    assertThat(rows).as("6 s of load, then 2 s of retention and two samples").hasSize(10);
    assertThat(rows.subList(0, 5)).allSatisfy(r -> assertThat(r[1]).isEqualTo("on"));
    assertThat(rows.get(9)[1]).isEqualTo("off");
    assertThat(rows.get(9)[2]).as("published").isEqualTo("6");
    assertThat(rows)
        .as("the counts read the live session store")
        .anySatisfy(r -> assertThat(Long.parseLong(r[4])).isPositive());
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Session store: at most"));
  }

  private static Path only(Path dir, String suffix) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found = files.filter(p -> p.toString().endsWith(suffix)).toList();
      assertThat(found).as(suffix).hasSize(1);
      return found.get(0);
    }
  }
}
