package dev.krako.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A worker's lease on one claimed attempt, or on one replica of a verified attempt: the worker
 * holds the attempt until {@code expiresAt}, and each heartbeat moves that point to the heartbeat's
 * time plus the lease length.
 *
 * <p>Silence counts only while the orchestrator can hear. When a lease looks expired, the
 * orchestrator first probes: it writes a probe to the lease's own heartbeat partition, and reading
 * it back proves that it reads that partition again and has applied every heartbeat written before
 * the probe. A lease still expired then is {@code probed}: the worker has a grace from that moment
 * to be heard (its heartbeats sent while the broker was away are lost, the next ones are not). A
 * probed lease that expires is over for good: the attempt fails with {@link
 * SessionDecider#WORKER_LOST}, and a later heartbeat cannot revive it (the orchestrator forgets the
 * lease when it expires). See docs/adr/016-heartbeats-and-leases.md.
 *
 * @param expiresAt the first instant at which the worker no longer holds the attempt
 * @param probed whether a probe has come back since the worker was last heard
 */
public record Lease(Instant expiresAt, boolean probed) {

  public Lease {
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** The lease a claim starts: the worker holds the attempt for {@code length} from its claim. */
  public static Lease claimedAt(Instant claimedAt, Duration length) {
    return new Lease(claimedAt.plus(length), false);
  }

  /**
   * The lease after a heartbeat sent at {@code sentAt}. Never shorter than it was: heartbeats may
   * arrive out of order, and an older one must not take time back. A renewal clears a probe: the
   * worker has been heard.
   */
  public Lease renewedAt(Instant sentAt, Duration length) {
    Instant renewed = sentAt.plus(length);
    return renewed.isAfter(expiresAt) ? new Lease(renewed, false) : this;
  }

  /**
   * The lease after its probe came back at {@code heardAt} and found it expired: the worker has
   * {@code grace} from now to be heard, and then it is lost.
   */
  public Lease probedAt(Instant heardAt, Duration grace) {
    return new Lease(heardAt.plus(grace), true);
  }

  /** Whether the worker no longer holds the attempt at {@code now}, unless it is heard. */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
