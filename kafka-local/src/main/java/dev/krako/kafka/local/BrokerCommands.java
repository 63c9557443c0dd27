package dev.krako.kafka.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * The command lines of the two child JVMs: the one-off storage format, and the broker itself.
 *
 * <p>Both reuse this JVM's {@code java.class.path}. Under surefire it is a manifest-only booter jar
 * and from a packaged app it is a jar whose manifest lists the libraries: either way {@code java
 * -cp} follows the manifest's {@code Class-Path}, so the child sees the same jars as we do.
 */
final class BrokerCommands {

  private BrokerCommands() {}

  /** {@code kafka.tools.StorageTool format} with a random cluster id and a standalone quorum. */
  static List<String> format(BrokerSettings settings, DataDir dir) {
    List<String> command = jvm(settings, dir);
    // A run of a few seconds gains nothing from the optimizing compiler: start faster instead.
    command.add(1, "-XX:TieredStopAtLevel=1");
    command.addAll(
        List.of(
            "kafka.tools.StorageTool",
            "format",
            "-t",
            Uuid.randomUuid().toString(),
            "-c",
            dir.serverProperties().toString(),
            "--standalone"));
    return command;
  }

  /** The broker, through {@link BrokerMain} so that it dies with this JVM. */
  static List<String> broker(BrokerSettings settings, DataDir dir) {
    List<String> command = jvm(settings, dir);
    command.add(BrokerMain.class.getName());
    command.add(dir.serverProperties().toString());
    return command;
  }

  private static List<String> jvm(BrokerSettings settings, DataDir dir) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + settings.childMaxHeap());
    // A broker that ran out of memory should die visibly, not limp on.
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-Djava.awt.headless=true");
    command.add("-Dlogback.configurationFile=" + dir.logbackConfig());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    return command;
  }
}
