package dev.krako.kafka.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The two TCP ports of a broker on 127.0.0.1, chosen once so that a restart listens on the same
 * ones and clients keep their bootstrap address.
 *
 * @param broker the port that clients use (PLAINTEXT, or SASL_PLAINTEXT with SASL/PLAIN)
 * @param controller the KRaft CONTROLLER port
 */
public record BrokerPorts(int broker, int controller) {

  /** The loopback address every listener binds to: nothing here is reachable from outside. */
  public static final String HOST = "127.0.0.1";

  /**
   * Resolves the ports of {@code settings}, replacing each 0 by a port that is free now. Both probe
   * sockets stay open until both are chosen, so the two ports differ.
   */
  public static BrokerPorts resolve(BrokerSettings settings) {
    try (ServerSocket brokerProbe = probe(settings.brokerPort());
        ServerSocket controllerProbe = probe(settings.controllerPort())) {
      int broker = settings.brokerPort() != 0 ? settings.brokerPort() : brokerProbe.getLocalPort();
      int controller =
          settings.controllerPort() != 0
              ? settings.controllerPort()
              : controllerProbe.getLocalPort();
      return new BrokerPorts(broker, controller);
    } catch (IOException e) {
      throw new UncheckedIOException("No free port could be found on " + HOST + ".", e);
    }
  }

  /** The {@code host:port} that clients bootstrap from. */
  public String bootstrapServers() {
    return HOST + ":" + broker;
  }

  /** A probe on a free port when {@code wanted} is 0; a fixed port is not probed here. */
  private static ServerSocket probe(int wanted) throws IOException {
    if (wanted != 0) {
      return new ServerSocket();
    }
    ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
    // Lets the broker bind the port at once even though this probe just used it.
    socket.setReuseAddress(true);
    return socket;
  }
}
