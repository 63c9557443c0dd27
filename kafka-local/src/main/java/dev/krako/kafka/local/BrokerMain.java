package dev.krako.kafka.local;

/**
 * The child JVM's entry point: {@code kafka.Kafka}, plus a watch on the parent process.
 *
 * <p>A shutdown hook in the parent stops the broker on a normal exit or Ctrl-C, but not when the
 * parent is killed with SIGKILL (a surefire fork that times out, an IDE's stop button). This watch
 * covers that case: when the parent is gone, the broker shuts down through Kafka's own shutdown
 * hook, so no orphan broker keeps its ports and memory.
 */
public final class BrokerMain {

  private BrokerMain() {}

  /**
   * Starts the broker.
   *
   * @param args the path of {@code server.properties}, as for {@code kafka.Kafka}
   */
  public static void main(String[] args) {
    ProcessHandle.current()
        .parent()
        .ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
    kafka.Kafka.main(args);
  }
}
