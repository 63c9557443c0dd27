package dev.krako.worker.resilience;

import java.util.List;
import java.util.Optional;

/**
 * Whether a claim loop may claim work now: how a node stops taking units that it could not run,
 * such as LLM units while its pod's circuit breaker is open.
 *
 * <p>A claim loop consults its gate before every poll: while {@link #isOpen()} is false it pauses
 * its dispatch partitions, so it stays in its consumer group but is handed nothing, and it resumes
 * them once the gate opens again. Right before claiming each dispatch it asks for an {@link
 * Admission}; without one it leaves that dispatch and the rest of its batch unclaimed, for a later
 * poll. It releases the admission once the unit has been reported. A gate may also send the loop
 * out of its consumer group altogether ({@link #staysInGroup()}). Implementations are thread-safe
 * (the loops of a node share one gate), cheap, and never block.
 */
public interface ClaimGate {

  /** A gate that admits every claim: a node that depends on no downstream. */
  ClaimGate ALWAYS_OPEN =
      new ClaimGate() {
        @Override
        public boolean isOpen() {
          return true;
        }

        @Override
        public Optional<Admission> tryAdmit() {
          return Optional.of(Admission.NONE);
        }
      };

  /** Whether a claim could be admitted now; false pauses the loop's partitions. */
  boolean isOpen();

  /** Admits one claim, or empty when the loop must not claim now. */
  Optional<Admission> tryAdmit();

  /**
   * Whether the loop stays in its dispatch consumer group. False makes it leave the group (after
   * the unit it runs has been reported), so that its partitions go to the other members, until this
   * is true again; see {@link TrustGate} for why leaving, not pausing. True by default.
   */
  default boolean staysInGroup() {
    return true;
  }

  /** A gate that admits a claim when every one of {@code gates} does. */
  static ClaimGate allOf(List<? extends ClaimGate> gates) {
    return gates.isEmpty() ? ALWAYS_OPEN : new AllGates(gates);
  }

  /**
   * One admitted claim, released once the unit has been reported (or was not claimed after all).
   */
  @FunctionalInterface
  interface Admission {

    /** An admission that holds nothing. */
    Admission NONE = () -> {};

    void release();
  }
}
