package dev.krako.trust;

/**
 * A node's outcome counters: sums only, so the same events give the same tally in any order.
 *
 * @param claimed attempts the node claimed; claimed − completed − failed are in flight or were
 *     abandoned (the run timeouts the orchestrator saw)
 * @param completed attempts the node completed
 * @param failed attempts that failed on the node, whatever the code; the next two are subsets
 * @param verificationFailures of {@code failed}: outputs that disagreed with their verification
 * @param graphFaults of {@code failed}: failures the graph is to blame for, not scored
 * @param timeouts attempts that failed with a timeout code, and model calls that timed out
 * @param agreements replicas of the node whose output won their verdict (quorum, recompute)
 * @param disagreements replicas of the node that completed with an output that lost their verdict;
 *     each is also one of {@code completed} (the replica's own report), counted in any order
 */
public record Tally(
    long claimed,
    long completed,
    long failed,
    long verificationFailures,
    long graphFaults,
    long timeouts,
    long agreements,
    long disagreements) {

  public static final Tally NONE = new Tally(0, 0, 0, 0, 0, 0, 0, 0);

  /** A tally without replica verdicts. */
  public Tally(
      long claimed,
      long completed,
      long failed,
      long verificationFailures,
      long graphFaults,
      long timeouts) {
    this(claimed, completed, failed, verificationFailures, graphFaults, timeouts, 0, 0);
  }

  public Tally {
    if (claimed < 0
        || completed < 0
        || failed < 0
        || verificationFailures < 0
        || graphFaults < 0
        || timeouts < 0
        || agreements < 0
        || disagreements < 0) {
      throw new IllegalArgumentException("A tally counts events: never below zero.");
    }
    if (verificationFailures + graphFaults > failed) {
      throw new IllegalArgumentException(
          "Verification failures and graph faults are failures: at most " + failed + ".");
    }
  }

  /** This tally with one more fact counted; facts that count nothing return it unchanged. */
  public Tally plus(NodeFact fact) {
    if (fact instanceof NodeFact.Claimed) {
      return new Tally(
          claimed + 1,
          completed,
          failed,
          verificationFailures,
          graphFaults,
          timeouts,
          agreements,
          disagreements);
    }
    if (fact instanceof NodeFact.Completed) {
      return new Tally(
          claimed,
          completed + 1,
          failed,
          verificationFailures,
          graphFaults,
          timeouts,
          agreements,
          disagreements);
    }
    if (fact instanceof NodeFact.Failed f) {
      FailureKind kind = f.kind();
      return new Tally(
          claimed,
          completed,
          failed + 1,
          verificationFailures + (kind == FailureKind.VERIFICATION_DISAGREEMENT ? 1 : 0),
          graphFaults + (kind == FailureKind.GRAPH_FAULT ? 1 : 0),
          timeouts + (kind == FailureKind.TIMEOUT ? 1 : 0),
          agreements,
          disagreements);
    }
    if (fact instanceof NodeFact.ModelCallFailed call && call.timedOut()) {
      return new Tally(
          claimed,
          completed,
          failed,
          verificationFailures,
          graphFaults,
          timeouts + 1,
          agreements,
          disagreements);
    }
    if (fact instanceof NodeFact.Agreed) {
      return new Tally(
          claimed,
          completed,
          failed,
          verificationFailures,
          graphFaults,
          timeouts,
          agreements + 1,
          disagreements);
    }
    if (fact instanceof NodeFact.Disagreed) {
      return new Tally(
          claimed,
          completed,
          failed,
          verificationFailures,
          graphFaults,
          timeouts,
          agreements,
          disagreements + 1);
    }
    return this;
  }

  /** The sum of this tally and another, counter by counter. */
  public Tally plus(Tally other) {
    return new Tally(
        claimed + other.claimed,
        completed + other.completed,
        failed + other.failed,
        verificationFailures + other.verificationFailures,
        graphFaults + other.graphFaults,
        timeouts + other.timeouts,
        agreements + other.agreements,
        disagreements + other.disagreements);
  }

  /**
   * The weighted failures the score counts: every failure once, a verification failure once more, a
   * graph fault not at all ({@link FailureKind#weight()}), and a replica that lost its verdict
   * twice, like a schema mismatch.
   */
  public long penalty() {
    return failed - graphFaults + verificationFailures + 2 * disagreements;
  }

  /**
   * The completions the score credits: a replica that lost its verdict reported a completion, but
   * its output was wrong, so it is not a success. Never below zero, whatever order the replica's
   * report and the verdict are counted in.
   */
  public long successes() {
    return Math.max(0, completed - disagreements);
  }
}
