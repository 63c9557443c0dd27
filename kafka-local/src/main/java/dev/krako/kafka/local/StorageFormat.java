package dev.krako.kafka.local;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Formats a data directory for KRaft with {@code kafka.tools.StorageTool}, in a child JVM: the tool
 * ends with {@code System.exit}, which must not end our JVM.
 */
final class StorageFormat {

  private StorageFormat() {}

  /**
   * Formats {@code dir} unless it already is, so that a restart keeps its data.
   *
   * @throws BrokerStartupException if the tool fails or is still running at {@code deadline}
   */
  static void ensureFormatted(BrokerSettings settings, DataDir dir, Instant deadline)
      throws InterruptedException {
    if (dir.isFormatted()) {
      return;
    }
    List<String> command = BrokerCommands.format(settings, dir);
    ChildProcess tool = ChildProcess.launch(command, dir.brokerLog());
    if (!tool.awaitExit(Duration.between(Instant.now(), deadline))) {
      tool.kill();
      throw BrokerStartupException.of(
          "Formatting the broker storage did not finish within the startup timeout of "
              + settings.startupTimeout().toMillis()
              + " ms.",
          tool,
          dir,
          null);
    }
    if (tool.exitValue() != 0) {
      throw BrokerStartupException.of(
          "Formatting the broker storage failed with exit code " + tool.exitValue() + ".",
          tool,
          dir,
          null);
    }
  }
}
