package dev.krako.billing;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An event that bills something, read from the event log. Its {@link #dedupeKey()} says what it
 * bills, so that the same thing is billed once however often (and in whatever order) it is seen.
 */
public sealed interface Billable {

  /** Separates the parts of a dedupe key; session ids are UUIDs, so the key is unambiguous. */
  String KEY_SEPARATOR = "|";

  SourceEvent source();

  WorkRef work();

  /** What this event bills; two events with one key are billed once (the first one seen). */
  String dedupeKey();

  LineItem lineItem();

  /** The ledger entry id: a name-based UUID of the dedupe key, so a replay writes the same id. */
  default String entryId() {
    byte[] name = ("ledger\u001f" + dedupeKey()).getBytes(StandardCharsets.UTF_8);
    return UUID.nameUUIDFromBytes(name).toString();
  }

  /**
   * A CPU work unit completed: its CPU time is billed once per (session, unit), and for a unit
   * verified by replicas (quorum, recompute) once per (session, unit, replica index). A second
   * completion of the unit or replica (a duplicate report, or the late completion of an attempt
   * that had timed out) has the same key and is not billed again.
   *
   * @param replicaIndex the replica that completed, or null when the unit is not replicated
   */
  record CpuTime(
      SourceEvent source, WorkRef work, Substrate substrate, long cpuMs, Integer replicaIndex)
      implements Billable {

    public CpuTime {
      if (!substrate.billsCpuTime()) {
        throw new IllegalArgumentException(substrate + " does not bill CPU time.");
      }
      Ids.requireNonNegative(cpuMs, "usage.cpu_ms");
    }

    /** The completion of a unit that is not replicated. */
    public CpuTime(SourceEvent source, WorkRef work, Substrate substrate, long cpuMs) {
      this(source, work, substrate, cpuMs, null);
    }

    @Override
    public String dedupeKey() {
      String unit = String.join(KEY_SEPARATOR, "cpu", work.sessionId(), work.workUnitId());
      return replicaIndex == null ? unit : unit + KEY_SEPARATOR + "r" + replicaIndex;
    }

    @Override
    public LineItem lineItem() {
      return LineItem.WORKUNIT_CPU;
    }
  }

  /**
   * A model invocation completed: its tokens are billed once per event id. Each invocation is a
   * real call whose tokens were consumed, whatever became of its attempt.
   *
   * @param tier as the pod reported it; an unknown tier is priced at the price book's default
   */
  record Tokens(
      SourceEvent source, WorkRef work, String model, String tier, long tokensIn, long tokensOut)
      implements Billable {

    public Tokens {
      Ids.requireNonNegative(tokensIn, "usage.tokens_in");
      Ids.requireNonNegative(tokensOut, "usage.tokens_out");
    }

    @Override
    public String dedupeKey() {
      return String.join(KEY_SEPARATOR, "llm", source.eventId());
    }

    @Override
    public LineItem lineItem() {
      return LineItem.LLM_TOKENS;
    }
  }
}
