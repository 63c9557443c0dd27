package dev.krako.topology.orchestration;

import dev.krako.topics.KrakoTopics;
import java.time.Duration;
import java.util.Objects;

/**
 * The typed configuration of the orchestration topology.
 *
 * @param instanceId names this instance in the events it emits ({@code source.id})
 * @param timerScanInterval how often due retry timers are looked for (wall-clock time)
 * @param timerScanLimit how many timers one scan fires at most, so a scan stays short
 * @param defaultRunTimeout how long an attempt may run when its unit declares no run timeout: after
 *     it, the attempt counts as failed (its worker may be gone) and the retry policy applies
 * @param quorumSize N, the replicas of each attempt of a {@code quorum} unit (at least 2; fixed per
 *     session when it starts)
 * @param leaseLength how long a claimed attempt stays its worker's without a heartbeat: after it,
 *     the worker is presumed lost and the attempt fails with {@code WORKER_LOST}. It must exceed
 *     the workers' heartbeat interval by a few beats (docs/adr/016-heartbeats-and-leases.md)
 * @param sessionRetention how long a finished session stays in the session store after it ended
 *     (for the query API's session view), before it is evicted with its leases and its known timers
 *     (docs/adr/018-session-retention.md)
 * @param sessionCacheUnits how many units' worth of decoded sessions each orchestration task keeps
 *     in memory, least recently used first out, so that an event for a session in flight is decided
 *     without decoding its stored state; 0 keeps none (docs/adr/022-decoded-session-cache.md)
 */
public record OrchestrationConfig(
    KrakoTopics topics,
    String instanceId,
    Duration timerScanInterval,
    int timerScanLimit,
    Duration defaultRunTimeout,
    int quorumSize,
    Duration leaseLength,
    Duration sessionRetention,
    int sessionCacheUnits) {

  /**
   * Five heartbeats of the workers' default 2 s interval: a worker that misses four in a row (a
   * long GC pause, a slow broker) keeps its unit, and a dead one is noticed within about 10 s
   * instead of the 5-minute run timeout.
   */
  public static final Duration DEFAULT_LEASE_LENGTH = Duration.ofSeconds(10);

  /**
   * An hour: KORA has its answer on the results topic at once, and this leaves an hour to look a
   * finished session up in the query API (GET /v1/sessions/{id}, /v1/graphs/{id}). Late worker
   * events need no retention: they are ignored whether the session is kept or evicted.
   */
  public static final Duration DEFAULT_SESSION_RETENTION = Duration.ofHours(1);

  /**
   * 10,000 units per task: 500 sessions of {@code krako bench}'s 20-unit fan-out, or ten of
   * ingress's largest (1,000-unit) graphs, kept decoded. At about 1.6 KB per cached unit (an upper
   * bound from the allocation of decoding and mapping the graph, docs/performance-jmh.md) that is
   * at most about 16 MB per task; the sessions a task has in flight at {@code krako bench}'s rates
   * are far fewer (docs/adr/022-decoded-session-cache.md).
   */
  public static final int DEFAULT_SESSION_CACHE_UNITS = 10_000;

  public OrchestrationConfig {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(instanceId, "instanceId");
    if (timerScanInterval.isNegative() || timerScanInterval.isZero()) {
      throw new IllegalArgumentException("timerScanInterval must be positive");
    }
    if (timerScanLimit < 1) {
      throw new IllegalArgumentException("timerScanLimit must be at least 1");
    }
    if (quorumSize < 2) {
      throw new IllegalArgumentException("quorumSize must be at least 2");
    }
    if (leaseLength.isNegative() || leaseLength.isZero()) {
      throw new IllegalArgumentException("leaseLength must be positive");
    }
    if (sessionRetention.isNegative() || sessionRetention.isZero()) {
      throw new IllegalArgumentException("sessionRetention must be positive");
    }
    if (sessionCacheUnits < 0) {
      throw new IllegalArgumentException("sessionCacheUnits must not be negative");
    }
  }

  /**
   * 100 ms scans of at most 1,000 timers (backoff is honoured to within a scan interval), and a
   * 5-minute default run timeout (longer than any model call KORA's harness makes), and quorums of
   * 3 (the smallest N whose majority outvotes one faulty node), {@link #DEFAULT_LEASE_LENGTH},
   * {@link #DEFAULT_SESSION_RETENTION} and {@link #DEFAULT_SESSION_CACHE_UNITS}.
   */
  public static OrchestrationConfig defaults(KrakoTopics topics, String instanceId) {
    return new OrchestrationConfig(
        topics,
        instanceId,
        Duration.ofMillis(100),
        1_000,
        Duration.ofMinutes(5),
        dev.krako.session.Session.DEFAULT_QUORUM_SIZE,
        DEFAULT_LEASE_LENGTH,
        DEFAULT_SESSION_RETENTION,
        DEFAULT_SESSION_CACHE_UNITS);
  }

  /**
   * How long a worker has to be heard after a probe found its lease expired: half a lease, two and
   * a half beats of the default 2 s interval, enough for a worker whose beats failed while the
   * broker was away to reconnect and send the next one (docs/adr/016-heartbeats-and-leases.md).
   */
  public Duration leaseProbeGrace() {
    return leaseLength.dividedBy(2);
  }

  /** The same configuration with another lease length. */
  public OrchestrationConfig withLeaseLength(Duration length) {
    return new OrchestrationConfig(
        topics,
        instanceId,
        timerScanInterval,
        timerScanLimit,
        defaultRunTimeout,
        quorumSize,
        length,
        sessionRetention,
        sessionCacheUnits);
  }

  /** The same configuration with another session retention. */
  public OrchestrationConfig withSessionRetention(Duration retention) {
    return new OrchestrationConfig(
        topics,
        instanceId,
        timerScanInterval,
        timerScanLimit,
        defaultRunTimeout,
        quorumSize,
        leaseLength,
        retention,
        sessionCacheUnits);
  }

  /** The same configuration with another bound on the decoded sessions kept per task (0: none). */
  public OrchestrationConfig withSessionCacheUnits(int units) {
    return new OrchestrationConfig(
        topics,
        instanceId,
        timerScanInterval,
        timerScanLimit,
        defaultRunTimeout,
        quorumSize,
        leaseLength,
        sessionRetention,
        units);
  }
}
