package dev.krako.connectors;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.rest.entities.Message;
import org.apache.kafka.connect.util.FutureCallback;

/**
 * A real Kafka Connect distributed worker in this JVM, started the way {@code
 * connect-distributed.sh} starts one ({@link ConnectDistributed#startConnect}), and driven through
 * its herder: the calls behind the REST API that connectors/README.md uses ({@code PUT
 * /connectors/<name>/config}, {@code PUT .../stop}, {@code DELETE .../offsets}, {@code PUT
 * .../resume}).
 *
 * <p>In this JVM rather than a child JVM: plugins then load from the test classpath (no plugin
 * isolation), which is what keeps the test fast; the packaging for {@code plugin.path} is
 * documented in connectors/README.md.
 */
final class ConnectWorker implements AutoCloseable {

  private static final long TIMEOUT_SECONDS = 60;

  private final Connect<DistributedHerder> connect;

  private ConnectWorker(Connect<DistributedHerder> connect) {
    this.connect = connect;
  }

  static ConnectWorker start(Map<String, String> workerConfig) {
    // Connect ends the JVM when it cannot start; in a test that must be a failure instead.
    Exit.setExitProcedure(
        (code, message) -> {
          throw new IllegalStateException("Connect wanted to exit (" + code + "): " + message);
        });
    return new ConnectWorker(new ConnectDistributed().startConnect(workerConfig));
  }

  /** Creates or replaces a connector, as {@code PUT /connectors/<name>/config}. */
  void putConnector(String name, Map<String, String> config) throws Exception {
    Map<String, String> named = new HashMap<>(config);
    named.put("name", name); // the REST layer adds it from the path; the herder needs it given
    FutureCallback<Herder.Created<ConnectorInfo>> done = new FutureCallback<>();
    connect.herder().putConnectorConfig(name, named, true, done);
    await(done);
  }

  /**
   * Makes a sink connector read its topics again from the beginning: stop it, delete its offsets
   * (its consumer group's), resume it.
   */
  void replayFromTheBeginning(String name) throws Exception {
    FutureCallback<Void> stopped = new FutureCallback<>();
    connect.herder().stopConnector(name, stopped);
    await(stopped);
    FutureCallback<Message> reset = new FutureCallback<>();
    connect.herder().resetConnectorOffsets(name, reset);
    await(reset);
    connect.herder().resumeConnector(name);
  }

  ConnectorStateInfo status(String name) {
    return connect.herder().connectorStatus(name);
  }

  @Override
  public void close() {
    connect.stop();
    connect.awaitStop();
  }

  private static <T> T await(FutureCallback<T> callback)
      throws InterruptedException, ExecutionException, TimeoutException {
    return callback.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}
