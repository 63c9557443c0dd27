package dev.krako.cli.conformance;

import java.util.List;

/**
 * One property checked on one graph: the problems found (none: it holds).
 *
 * @param deadlineExpired the session ran past its time budget and Krako ended it {@code
 *     budget_exhausted}: KORA does not enforce time, so its outcome cannot be compared; the
 *     property was checked on what ran before the deadline
 * @param note what a reader should know besides the problems (how long a late session ran), or null
 */
public record Verdict(
    Property property,
    CorpusGraph graph,
    List<String> problems,
    boolean deadlineExpired,
    String note) {

  public Verdict {
    problems = List.copyOf(problems);
  }

  public boolean passed() {
    return problems.isEmpty();
  }
}
