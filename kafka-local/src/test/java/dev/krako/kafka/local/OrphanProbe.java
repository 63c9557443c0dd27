package dev.krako.kafka.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A parent JVM for {@link NoOrphanBrokerTest}: starts a broker in the data directory {@code
 * args[1]}, writes the broker's pid to the file {@code args[0]}, then waits to be killed, never
 * closing the broker itself.
 */
public final class OrphanProbe {

  private OrphanProbe() {}

  /** Runs the probe: {@code args} are the pid file and the data directory. */
  public static void main(String[] args) throws Exception {
    // A data directory of the test's own, since nobody closes this broker to delete a temporary
    // one.
    LocalKafkaBroker.start(BrokerSettings.defaults().withDataDir(Path.of(args[1])));
    long brokerPid = ProcessHandle.current().children().findFirst().orElseThrow().pid();
    Files.writeString(Path.of(args[0]), Long.toString(brokerPid));
    new CountDownLatch(1).await();
  }
}
