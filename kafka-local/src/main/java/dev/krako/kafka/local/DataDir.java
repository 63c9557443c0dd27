package dev.krako.kafka.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The file layout of one broker's data directory, and whether we created it (and so may delete it).
 *
 * @param root the directory itself
 * @param owned true when it is a temporary directory that we created
 */
record DataDir(Path root, boolean owned) {

  /** Uses {@code wanted} (created if missing) or, when empty, a fresh temporary directory. */
  static DataDir prepare(Optional<Path> wanted) {
    try {
      if (wanted.isPresent()) {
        return new DataDir(Files.createDirectories(wanted.get()).toAbsolutePath(), false);
      }
      return new DataDir(Files.createTempDirectory("krako-kafka-").toAbsolutePath(), true);
    } catch (IOException e) {
      throw new UncheckedIOException("The broker data directory could not be created.", e);
    }
  }

  /** Where the broker keeps its partitions and its KRaft metadata log. */
  Path kafkaLogs() {
    return root.resolve("kraft-logs");
  }

  /** The broker's configuration, rewritten at every start. */
  Path serverProperties() {
    return root.resolve("server.properties");
  }

  /** The child JVM's logback configuration, rewritten at every start. */
  Path logbackConfig() {
    return root.resolve("logback-broker.xml");
  }

  /** Everything the child JVMs print: their logs, and any crash output. */
  Path brokerLog() {
    return root.resolve("broker.log");
  }

  /** True once {@code kafka.tools.StorageTool format} has succeeded in this directory. */
  boolean isFormatted() {
    return Files.isRegularFile(kafkaLogs().resolve("meta.properties"));
  }

  /** Deletes the directory and its content if we created it; a no-op otherwise. */
  void deleteIfOwned() {
    if (!owned || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("The broker data directory could not be deleted: " + root, e);
    }
  }
}
