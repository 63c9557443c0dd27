package dev.krako.topology.ingress;

import dev.krako.capacity.AdmissionRates;
import dev.krako.graph.IngressLimits;
import dev.krako.topics.KrakoTopics;
import java.time.Duration;
import java.util.Objects;

/**
 * The typed configuration of the ingress topology.
 *
 * @param instanceId names this instance in the events it emits ({@code source.id})
 * @param rates each tenant's admission rate in each admission mode (docs/capacity.md)
 * @param requestDedupeHorizon how long a request stays in {@code ingress-request-index} after its
 *     admission (in record time): within it, the same (tenant, request) gets DUPLICATE_REQUEST;
 *     after it, the request is forgotten (docs/adr/018-session-retention.md)
 */
public record IngressConfig(
    KrakoTopics topics,
    String instanceId,
    IngressLimits limits,
    AdmissionRates rates,
    Duration requestDedupeHorizon) {

  /**
   * Seven days, billing's dedupe horizon too: far beyond any retry of KORA's (seconds to minutes)
   * and beyond the orchestration's session retention, so a request is never run twice while its
   * session is known.
   */
  public static final Duration DEFAULT_REQUEST_DEDUPE_HORIZON = Duration.ofDays(7);

  public IngressConfig {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(rates, "rates");
    if (requestDedupeHorizon.isNegative() || requestDedupeHorizon.isZero()) {
      throw new IllegalArgumentException("requestDedupeHorizon must be positive");
    }
  }

  /** The same configuration with other admission rates. */
  public IngressConfig withRates(AdmissionRates other) {
    return new IngressConfig(topics, instanceId, limits, other, requestDedupeHorizon);
  }

  /** The same configuration with another request dedupe horizon. */
  public IngressConfig withRequestDedupeHorizon(Duration horizon) {
    return new IngressConfig(topics, instanceId, limits, rates, horizon);
  }

  public static IngressConfig defaults(KrakoTopics topics, String instanceId) {
    return new IngressConfig(
        topics,
        instanceId,
        IngressLimits.defaults(),
        AdmissionRates.defaults(),
        DEFAULT_REQUEST_DEDUPE_HORIZON);
  }
}
