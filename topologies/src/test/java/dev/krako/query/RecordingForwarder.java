package dev.krako.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Forwards in process, to the instance registered for a host (marked as forwarded, as the HTTP
 * forwarder marks it), or answers with a scripted reply; records every forward.
 */
final class RecordingForwarder implements Forwarder {

  record Forward(HostInfo host, QueryRequest request) {}

  final List<Forward> forwards = new ArrayList<>();
  private final Map<HostInfo, QueryApi> instances = new HashMap<>();
  private final Map<HostInfo, Reply> scripted = new HashMap<>();

  void register(HostInfo host, FakeInstance instance) {
    instances.put(host, instance.api);
  }

  void answer(HostInfo host, Reply reply) {
    scripted.put(host, reply);
  }

  @Override
  public Reply forward(HostInfo host, QueryRequest request) {
    forwards.add(new Forward(host, request));
    if (scripted.containsKey(host)) {
      return scripted.get(host);
    }
    QueryApi owner = instances.get(host);
    if (owner == null) {
      return Reply.unavailable("no instance at " + host);
    }
    return owner.answer(
        new QueryRequest(
            request.method(),
            request.rawPath(),
            request.rawQuery(),
            request.authorization(),
            true));
  }
}
