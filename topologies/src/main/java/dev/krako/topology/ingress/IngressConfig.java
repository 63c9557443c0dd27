package dev.krako.topology.ingress;

import dev.krako.capacity.AdmissionRates;
import dev.krako.graph.IngressLimits;
import dev.krako.topics.KrakoTopics;
import java.util.Objects;

/**
 * The typed configuration of the ingress topology.
 *
 * @param instanceId names this instance in the events it emits ({@code source.id})
 * @param rates each tenant's admission rate in each admission mode (docs/capacity.md)
 */
public record IngressConfig(
    KrakoTopics topics, String instanceId, IngressLimits limits, AdmissionRates rates) {

  public IngressConfig {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(rates, "rates");
  }

  /** The same configuration with other admission rates. */
  public IngressConfig withRates(AdmissionRates other) {
    return new IngressConfig(topics, instanceId, limits, other);
  }

  public static IngressConfig defaults(KrakoTopics topics, String instanceId) {
    return new IngressConfig(
        topics, instanceId, IngressLimits.defaults(), AdmissionRates.defaults());
  }
}
