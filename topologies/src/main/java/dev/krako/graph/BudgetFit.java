package dev.krako.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Rejects, before anything runs, a graph whose mandatory units cannot fit its budgets. A unit is
 * mandatory when it runs in every complete execution: no {@code activation}, no {@code skip_if}.
 * Each mandatory unit makes at least one attempt, so it needs at least: one LLM call (an {@code
 * llm} unit), one CPU unit (a CPU-type unit), and one token when it is a model unit ({@code llm} or
 * {@code small_model}). Retries and escalations may need more; those are enforced while the session
 * runs.
 */
final class BudgetFit {

  private BudgetFit() {}

  static List<Violation> check(Budgets budgets, List<WorkUnit> units) {
    List<WorkUnit> mandatory = units.stream().filter(WorkUnit::mandatory).toList();
    long llmCalls = mandatory.stream().filter(u -> u.type() == UnitType.LLM).count();
    long cpuUnits = mandatory.stream().filter(u -> u.type() != UnitType.LLM).count();
    long modelUnits =
        mandatory.stream()
            .filter(u -> u.type() == UnitType.LLM || u.type() == UnitType.SMALL_MODEL)
            .count();
    List<Violation> violations = new ArrayList<>();
    if (llmCalls > budgets.maxLlmCalls()) {
      violations.add(unsatisfiable("max_llm_calls", budgets.maxLlmCalls(), llmCalls, "llm"));
    }
    if (cpuUnits > budgets.maxCpuUnits()) {
      violations.add(unsatisfiable("max_cpu_units", budgets.maxCpuUnits(), cpuUnits, "CPU"));
    }
    if (modelUnits > 0 && budgets.maxTokens() == 0) {
      violations.add(unsatisfiable("max_tokens", 0, modelUnits, "model"));
    }
    return violations;
  }

  private static Violation unsatisfiable(String budget, long cap, long needed, String kind) {
    return new Violation(
        ViolationCode.BUDGET_UNSATISFIABLE,
        "$.budgets." + budget,
        "the graph's "
            + needed
            + " mandatory "
            + kind
            + " unit(s) need at least "
            + needed
            + ", but "
            + budget
            + " is "
            + cap);
  }
}
