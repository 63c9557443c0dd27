package dev.krako.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LogTailTest {

  @Test
  void keepsTheLastLines(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("broker.log");
    Files.writeString(
        log,
        IntStream.rangeClosed(1, 100)
            .mapToObj(i -> "line " + i)
            .collect(Collectors.joining("\n", "", "\n")));

    assertThat(LogTail.lastLines(log, 0, 3)).isEqualTo("line 98\nline 99\nline 100");
  }

  @Test
  void findsTheFirstErrorOfTheCurrentRunWithItsStackTrace(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("broker.log");
    String earlierRun = "[t] ERROR an old failure (x)\n";
    Files.writeString(
        log,
        earlierRun
            + "[t] INFO  starting (x)\n"
            + "[t] ERROR Fatal error during broker startup. (kafka.server.KafkaRaftServer)\n"
            + "java.net.BindException: Address already in use\n"
            + "\tat sun.nio.ch.Net.bind0(Native Method)\n"
            + "[t] ERROR a consequence (x)\n");

    assertThat(LogTail.firstError(log, earlierRun.length(), 3))
        .isEqualTo(
            "[t] ERROR Fatal error during broker startup. (kafka.server.KafkaRaftServer)\n"
                + "java.net.BindException: Address already in use\n"
                + "\tat sun.nio.ch.Net.bind0(Native Method)");
    assertThat(LogTail.lastLines(log, earlierRun.length(), 40)).doesNotContain("old failure");
  }

  @Test
  void saysWhenThereIsNothingToShow(@TempDir Path dir) throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.log"));

    assertThat(LogTail.lastLines(empty, 0, 40)).contains("nothing was written");
    assertThat(LogTail.firstError(empty, 0, 5)).isEmpty();
    assertThat(LogTail.lastLines(dir.resolve("missing.log"), 0, 40)).contains("could not be read");
  }
}
