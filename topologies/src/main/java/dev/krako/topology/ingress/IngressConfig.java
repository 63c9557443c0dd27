package dev.krako.topology.ingress;

import dev.krako.graph.IngressLimits;
import dev.krako.topics.KrakoTopics;
import java.util.Objects;

/**
 * The typed configuration of the ingress topology.
 *
 * @param instanceId names this instance in the events it emits ({@code source.id})
 */
public record IngressConfig(KrakoTopics topics, String instanceId, IngressLimits limits) {

  public IngressConfig {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(limits, "limits");
  }

  public static IngressConfig defaults(KrakoTopics topics, String instanceId) {
    return new IngressConfig(topics, instanceId, IngressLimits.defaults());
  }
}
