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

    assertThat(LogTail.of(log, 3)).isEqualTo("line 98\nline 99\nline 100");
  }

  @Test
  void saysWhenThereIsNothingToShow(@TempDir Path dir) throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.log"));

    assertThat(LogTail.of(empty, 40)).contains("is empty");
    assertThat(LogTail.of(dir.resolve("missing.log"), 40)).contains("could not be read");
  }
}
