package dev.krako.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A broker never outlives the JVM that started it, however that JVM ends. */
final class NoOrphanBrokerTest {

  /**
   * SIGTERM is what Ctrl-C and a normal end of {@code mvn} amount to (the shutdown hook acts);
   * SIGKILL is a surefire fork killed on timeout (the broker's watch on its parent acts).
   */
  @ParameterizedTest(name = "parent ended with {0}")
  @ValueSource(strings = {"SIGTERM", "SIGKILL"})
  void theBrokerEndsWithItsParent(String signal, @TempDir Path dir) throws Exception {
    Path pidFile = dir.resolve("broker.pid");
    Process parent =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                OrphanProbe.class.getName(),
                pidFile.toString(),
                dir.resolve("broker").toString())
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(dir.resolve("probe.log").toFile()))
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> Files.exists(pidFile) || !parent.isAlive());
      assertThat(parent.isAlive()).as("the probe JVM runs").isTrue();
      ProcessHandle broker =
          ProcessHandle.of(Long.parseLong(Files.readString(pidFile))).orElseThrow();

      if (signal.equals("SIGKILL")) {
        parent.destroyForcibly();
      } else {
        parent.destroy();
      }

      await().atMost(Duration.ofSeconds(30)).until(() -> !broker.isAlive());
    } finally {
      parent.destroyForcibly();
    }
  }
}
