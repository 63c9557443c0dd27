package dev.krako.kafka.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;

/**
 * The command line of the broker's child JVM.
 *
 * <p>It reuses this JVM's {@code java.class.path}. Under surefire that is a manifest-only booter
 * jar, and from a packaged app a jar whose manifest lists the libraries: either way {@code java
 * -cp} follows the manifest's {@code Class-Path}, so the child sees the same jars as we do.
 */
final class BrokerCommands {

  private BrokerCommands() {}

  /**
   * Runs {@link BrokerMain} on the data directory's {@code server.properties}; when {@code format}
   * is true, it first formats the storage with a random cluster id and a standalone quorum.
   */
  static List<String> broker(BrokerSettings settings, DataDir dir, boolean format) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + settings.childMaxHeap());
    // A broker that ran out of memory should die visibly, not limp on.
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-Djava.awt.headless=true");
    command.add("-Dlogback.configurationFile=" + dir.logbackConfig());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BrokerMain.class.getName());
    command.add(dir.serverProperties().toString());
    if (format) {
      command.add(BrokerMain.FORMAT);
      command.add(Uuid.randomUuid().toString());
    }
    return command;
  }
}
