package dev.krako.kafka.local;

import java.util.Arrays;

/**
 * The child JVM's entry point: formats the storage when asked, then runs {@code kafka.Kafka}, and
 * watches the parent process.
 *
 * <p>Formatting here rather than in a JVM of its own saves a JVM start (1 to 2 s on 2 cores), and
 * rather than in the parent keeps {@code StorageTool} (and its {@code System.exit} on errors) away
 * from the application's JVM.
 *
 * <p>A shutdown hook in the parent stops the broker on a normal exit or Ctrl-C, but not when the
 * parent is killed with SIGKILL (a surefire fork that times out, an IDE's stop button). The watch
 * covers that case: when the parent is gone, the broker shuts down through Kafka's own shutdown
 * hook, so no orphan broker keeps its ports and memory.
 */
public final class BrokerMain {

  /** Asks for a format before the start; followed by the cluster id. */
  static final String FORMAT = "--format-with-cluster-id";

  private BrokerMain() {}

  /**
   * Starts the broker.
   *
   * @param args the path of {@code server.properties}, then optionally {@value #FORMAT} and a
   *     cluster id to format the (empty) storage with first
   */
  public static void main(String[] args) {
    ProcessHandle.current()
        .parent()
        .ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
    String serverProperties = args[0];
    if (args.length == 3 && FORMAT.equals(args[1])) {
      format(serverProperties, args[2]);
    } else if (args.length != 1) {
      throw new IllegalArgumentException("Unexpected arguments: " + Arrays.toString(args));
    }
    kafka.Kafka.main(new String[] {serverProperties});
  }

  private static void format(String serverProperties, String clusterId) {
    String[] command = {"format", "-t", clusterId, "-c", serverProperties, "--standalone"};
    int exitCode = kafka.tools.StorageTool.execute(command, System.out);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }
}
