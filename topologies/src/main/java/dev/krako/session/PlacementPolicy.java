package dev.krako.session;

import dev.krako.graph.Privacy;
import dev.krako.graph.UnitType;
import dev.krako.graph.WorkUnit;

/**
 * The hard placement rules of the contract: {@code llm} runs on an LLM pod only; the CPU types run
 * on a CPU pool; {@code local_only} or {@code trusted_node_required} runs on the trusted CPU pool
 * only, and never on an LLM pod. This is the only place that chooses a substrate.
 */
public final class PlacementPolicy {

  private PlacementPolicy() {}

  /**
   * The substrate of a unit.
   *
   * @throws IllegalArgumentException for a local_only or trusted llm unit, which ingress rejects as
   *     a PRIVACY_CONFLICT and which therefore never reaches here
   */
  public static Substrate place(WorkUnit unit) {
    boolean trusted = unit.privacy() == Privacy.LOCAL_ONLY || unit.trustedNodeRequired();
    if (unit.type() == UnitType.LLM) {
      if (trusted) {
        throw new IllegalArgumentException(
            "The llm unit " + unit.id() + " requires trusted CPU; it can be placed nowhere.");
      }
      return Substrate.LLM_POD;
    }
    return trusted ? Substrate.CPU_TRUSTED : Substrate.CPU;
  }
}
