package dev.krako.worker.resilience;

import dev.krako.worker.resilience.TrustStanding.Member;
import dev.krako.worker.resilience.TrustStanding.Out;
import dev.krako.worker.resilience.TrustStanding.Probation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim gate of the trust placement policy (docs/trust.md): it applies {@link TrustPolicy} to
 * the trust table a reader hands it, and tells the node's claim loops what follows.
 *
 * <p>Out of favour, the gate does not merely shut: it asks the loops to leave their dispatch group
 * ({@link #staysInGroup()} false). A shut gate pauses a loop's partitions, but a paused member
 * keeps them, so the sessions keyed to them would wait for a dispatch timeout and be retried onto
 * the same partitions, that is onto the same node. Leaving the group hands them to the other
 * members at the next rebalance. On probation the node claims one unit at a time, whatever its
 * loops. A member is up; out or on probation, the node is degraded, and its listeners hear of every
 * change. Thread-safe: one reader thread calls {@link #observe}, the claim loops the gate's
 * methods.
 */
public final class TrustGate implements ClaimGate {

  private static final Logger LOG = LoggerFactory.getLogger(TrustGate.class);

  private final String nodeId;
  private final String substrate;
  private final TrustPolicy policy;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile TrustStanding standing = new Member();
  private volatile Optional<NodeOutcomes> own = Optional.empty();
  // One claim at a time on probation; a new semaphore for each probation, as the breaker does.
  private volatile Semaphore probationClaims = new Semaphore(1);
  private boolean warnedAsLast; // the reader thread only

  /**
   * @param substrate the node's substrate's wire name: its peers are the nodes of the same one
   */
  public TrustGate(String nodeId, String substrate, TrustThresholds thresholds) {
    this.nodeId = nodeId;
    this.substrate = substrate;
    this.policy = new TrustPolicy(thresholds);
  }

  /** Hears every change of standing, on the reader thread; it must not block. */
  public void addListener(Runnable listener) {
    listeners.add(listener);
  }

  /**
   * Applies the policy to the trust table (node id → record), read from the beginning of the trust
   * topic up to now.
   */
  public void observe(Map<String, NodeOutcomes> table, Instant now) {
    Optional<NodeOutcomes> mine = Optional.ofNullable(table.get(nodeId));
    List<NodeOutcomes> peers =
        table.values().stream()
            .filter(n -> !n.nodeId().equals(nodeId) && n.substrate().equals(substrate))
            .toList();
    TrustPolicy.Decision decision = policy.decide(standing, mine, peers, now);
    own = mine;
    warnAsLast(decision.keptAsLast(), mine);
    TrustStanding next = decision.standing();
    if (next.getClass() == standing.getClass()) {
      standing = next; // the same kind: nothing the loops or the health reports see changes
      return;
    }
    if (next instanceof Probation) {
      probationClaims = new Semaphore(1);
    }
    standing = next;
    LOG.info(
        "Worker node {} is now {} by trust: outcome score {} on evidence {}.",
        nodeId,
        standingName(),
        mine.map(NodeOutcomes::outcomeScore).orElse(null),
        mine.map(NodeOutcomes::evidence).orElse(0L));
    listeners.forEach(Runnable::run);
  }

  @Override
  public boolean staysInGroup() {
    return !(standing instanceof Out);
  }

  @Override
  public boolean isOpen() {
    TrustStanding s = standing;
    return s instanceof Member
        || (s instanceof Probation && probationClaims.availablePermits() > 0);
  }

  @Override
  public Optional<Admission> tryAdmit() {
    TrustStanding s = standing;
    if (s instanceof Member) {
      return Optional.of(Admission.NONE);
    }
    if (s instanceof Probation) {
      Semaphore slots = probationClaims;
      return slots.tryAcquire() ? Optional.of(slots::release) : Optional.empty();
    }
    return Optional.empty();
  }

  /** Up as a member; degraded out of the group or on probation. */
  public HealthStatus status() {
    return standing instanceof Member ? HealthStatus.UP : HealthStatus.DEGRADED;
  }

  /** {@code member}, {@code out} or {@code probation}. */
  public String standingName() {
    TrustStanding s = standing;
    return s instanceof Member ? "member" : s instanceof Out ? "out" : "probation";
  }

  /** The node's own record as last observed, if trust has one. */
  public Optional<NodeOutcomes> own() {
    return own;
  }

  private void warnAsLast(boolean keptAsLast, Optional<NodeOutcomes> mine) {
    if (keptAsLast && !warnedAsLast) {
      LOG.warn(
          "Worker node {} keeps claiming although its outcome score {} is below the trust"
              + " threshold: no other node of {} would be left at or above it.",
          nodeId,
          mine.map(NodeOutcomes::outcomeScore).orElse(null),
          substrate);
    }
    warnedAsLast = keptAsLast;
  }
}
