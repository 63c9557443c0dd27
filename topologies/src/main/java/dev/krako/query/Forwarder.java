package dev.krako.query;

import org.apache.kafka.streams.state.HostInfo;

/** Sends a request on to the instance that owns its data, and returns that instance's answer. */
@FunctionalInterface
interface Forwarder {

  /**
   * Forwards {@code request} (path, query and {@code Authorization} unchanged, marked as forwarded)
   * to {@code host}; a 503 when the host does not answer.
   */
  Reply forward(HostInfo host, QueryRequest request);
}
