package dev.krako.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A worker's lease on one claimed attempt, or on one replica of a verified attempt: the worker
 * holds the attempt until {@code expiresAt}, and each heartbeat moves that point to the heartbeat's
 * time plus the lease length. A lease that has expired is over for good: the attempt then fails
 * with {@link SessionDecider#WORKER_LOST}, so a later heartbeat cannot revive it (the orchestrator
 * forgets the lease when it expires).
 *
 * @param expiresAt the first instant at which the worker no longer holds the attempt
 */
public record Lease(Instant expiresAt) {

  public Lease {
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** The lease a claim starts: the worker holds the attempt for {@code length} from its claim. */
  public static Lease claimedAt(Instant claimedAt, Duration length) {
    return new Lease(claimedAt.plus(length));
  }

  /**
   * The lease after a heartbeat sent at {@code sentAt}. Never shorter than it was: heartbeats may
   * arrive out of order, and an older one must not take time back.
   */
  public Lease renewedAt(Instant sentAt, Duration length) {
    Instant renewed = sentAt.plus(length);
    return renewed.isAfter(expiresAt) ? new Lease(renewed) : this;
  }

  /** Whether the worker no longer holds the attempt at {@code now}. */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
