package dev.krako.topology.trust;

import dev.krako.avro.NodeHealth;
import dev.krako.avro.NodeTrust;
import dev.krako.trust.Health;
import dev.krako.trust.NodeTrustState;
import dev.krako.trust.Substrate;
import dev.krako.trust.Tally;
import dev.krako.trust.TrustScore;
import java.util.Locale;

/**
 * Maps a node's trust between the trust domain and its Avro record. The score is written with the
 * version of the rule that computed it, and recomputed — never read back — when the next event of
 * the node arrives.
 */
public final class TrustCodec {

  private TrustCodec() {}

  public static NodeTrust toAvro(NodeTrustState s) {
    if (s.lastEventTime() == null) {
      throw new IllegalArgumentException("Node " + s.nodeId() + " has no event to be trusted on.");
    }
    Tally t = s.tally();
    return NodeTrust.newBuilder()
        .setNodeId(s.nodeId())
        .setSubstrate(dev.krako.avro.Substrate.valueOf(s.substrate().wireName()))
        .setClaimed(t.claimed())
        .setCompleted(t.completed())
        .setFailed(t.failed())
        .setVerificationFailures(t.verificationFailures())
        .setGraphFaults(t.graphFaults())
        .setTimeouts(t.timeouts())
        .setHealth(NodeHealth.valueOf(s.health().wireName()))
        .setHealthTime(s.healthTime())
        .setScore(s.score().toPlainString())
        .setScoreVersion(TrustScore.VERSION)
        .setLastEventTime(s.lastEventTime())
        .setVerificationAgreements(t.agreements())
        .setVerificationDisagreements(t.disagreements())
        .build();
  }

  public static NodeTrustState toDomain(NodeTrust r) {
    return new NodeTrustState(
        r.getNodeId(),
        substrate(r.getSubstrate()),
        new Tally(
            r.getClaimed(),
            r.getCompleted(),
            r.getFailed(),
            r.getVerificationFailures(),
            r.getGraphFaults(),
            r.getTimeouts(),
            r.getVerificationAgreements(),
            r.getVerificationDisagreements()),
        Health.valueOf(r.getHealth().name().toUpperCase(Locale.ROOT)),
        r.getHealthTime(),
        r.getLastEventTime());
  }

  static Substrate substrate(dev.krako.avro.Substrate s) {
    return Substrate.valueOf(s.name().toUpperCase(Locale.ROOT));
  }
}
