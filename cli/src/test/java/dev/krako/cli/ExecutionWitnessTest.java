package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.worker.execution.ExecutionUsage;
import dev.krako.worker.execution.Outcome;
import dev.krako.worker.execution.UnitExecutor;
import dev.krako.worker.execution.UnitTask;
import dev.krako.worker.resilience.GuardedExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionWitnessTest {

  @TempDir Path dir;

  private static UnitTask task(String unit, int attempt) {
    return new UnitTask("s-1", unit, attempt, "deterministic", "{}", "{}", List.of(), Map.of());
  }

  @Test
  void recordsEachExecutionBeforeItRuns() throws Exception {
    Path file = dir.resolve("witness.tsv");
    try (ExecutionWitness witness = ExecutionWitness.open(file)) {
      UnitExecutor executor =
          witness.around(
              t -> {
                // The line is in the file before the unit runs.
                assertThat(lines(file))
                    .last()
                    .extracting(ExecutionWitness.Line::workUnitId)
                    .isEqualTo(t.workUnitId());
                return new Outcome.Completed("{}", ExecutionUsage.cpu(1));
              },
              "node-1-cpu");
      executor.execute(task("a", 0));
      executor.execute(task("a", 1));
    }

    assertThat(lines(file))
        .containsExactly(
            new ExecutionWitness.Line("s-1", "a", 0, "node-1-cpu"),
            new ExecutionWitness.Line("s-1", "a", 1, "node-1-cpu"));
  }

  @Test
  void keepsTheBreakersOfAGuardedExecutor() throws Exception {
    GuardedExecutor guarded =
        new GuardedExecutor(t -> new Outcome.Completed("{}", ExecutionUsage.cpu(0)), List.of());
    try (ExecutionWitness witness = ExecutionWitness.open(dir.resolve("w"))) {
      assertThat(witness.around(guarded, "n")).isInstanceOf(GuardedExecutor.class);
    }
  }

  @Test
  void anAttemptWhoseLineCannotBeWrittenDoesNotRun() throws Exception {
    ExecutionWitness witness = ExecutionWitness.open(dir.resolve("w"));
    UnitExecutor executor =
        witness.around(
            t -> {
              throw new AssertionError("ran without a witness line");
            },
            "n");
    witness.close();

    assertThat(executor.execute(task("a", 0)))
        .isInstanceOfSatisfying(
            Outcome.Failed.class,
            f -> assertThat(f.errorCode()).isEqualTo(ExecutionWitness.WITNESS_UNWRITABLE));
  }

  private static List<ExecutionWitness.Line> lines(Path file) {
    try {
      return Files.readAllLines(file).stream().map(ExecutionWitness.Line::parse).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
