package dev.krako.worker.execution;

import dev.krako.worker.handler.HandlerRegistry;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies what another executor completes, by the unit's {@code verification_mode}:
 *
 * <ul>
 *   <li>{@code schema} (any case) with an output schema: the output must match it (see {@link
 *       OutputVerifier}). A mismatch turns the attempt into {@value #SCHEMA_MISMATCH} and a schema
 *       that cannot be used into {@value #SCHEMA_UNUSABLE}; both keep the attempt's usage and model
 *       calls, since those were spent, and drop the output, as KORA stores none.
 *   <li>{@code none}, {@code schema} without a schema, and a failed attempt: unchanged.
 *   <li>{@code quorum} and {@code recompute}: unchanged. Each execution here is one replica; the
 *       orchestrator dispatches the replicas to distinct nodes and compares their outputs
 *       (docs/adr/009-verification-replicas.md).
 * </ul>
 */
public final class VerifyingExecutor implements UnitExecutor {

  public static final String SCHEMA_MISMATCH = "SCHEMA_MISMATCH";
  public static final String SCHEMA_UNUSABLE = "OUTPUT_SCHEMA_UNUSABLE";

  private static final Logger LOG = LoggerFactory.getLogger(VerifyingExecutor.class);

  private final UnitExecutor delegate;
  private final OutputVerifier verifier;

  public VerifyingExecutor(UnitExecutor delegate) {
    this(delegate, new OutputVerifier());
  }

  public VerifyingExecutor(UnitExecutor delegate, OutputVerifier verifier) {
    this.delegate = delegate;
    this.verifier = verifier;
  }

  /**
   * The executor of a CPU pool's node, verified (KORA's det tasks with a {@code verify.schema}
   * arrive with mode {@code schema}): {@code deterministic} units with these handlers, {@code
   * retrieval} units with {@link RetrievalExecutor} and {@code small_model} units with {@link
   * SmallModelExecutor} (docs/handlers.md).
   *
   * @param cpuNanos the clock that measures a unit's CPU time (System::nanoTime in production)
   */
  public static VerifyingExecutor forCpuPool(HandlerRegistry handlers, LongSupplier cpuNanos) {
    return new VerifyingExecutor(
        new ExecutorsByType(
            Map.of(
                "deterministic",
                new DeterministicExecutor(handlers, cpuNanos),
                RetrievalExecutor.TYPE,
                new RetrievalExecutor(cpuNanos),
                SmallModelExecutor.TYPE,
                new SmallModelExecutor(cpuNanos))));
  }

  @Override
  public Outcome execute(UnitTask task) {
    Outcome outcome = delegate.execute(task);
    if (!(outcome instanceof Outcome.Completed done)
        || !"schema".equalsIgnoreCase(task.verificationMode())
        || task.outputSchemaJson() == null) {
      return outcome;
    }
    OutputVerifier.Verdict verdict = verifier.verify(done.outputJson(), task.outputSchemaJson());
    if (verdict instanceof OutputVerifier.Verdict.Mismatch mismatch) {
      LOG.debug(
          "Unit {} attempt {} of session {} does not match its output schema ({} violations).",
          task.workUnitId(),
          task.attemptIndex(),
          task.sessionId(),
          mismatch.total());
      return new Outcome.Failed(
          SCHEMA_MISMATCH, message(mismatch), done.usage(), done.modelCalls());
    }
    if (verdict instanceof OutputVerifier.Verdict.UnusableSchema unusable) {
      LOG.warn(
          "The output schema of unit {} attempt {} of session {} cannot be used: {}",
          task.workUnitId(),
          task.attemptIndex(),
          task.sessionId(),
          unusable.reason());
      return new Outcome.Failed(
          SCHEMA_UNUSABLE,
          "the output schema cannot be used: " + unusable.reason(),
          done.usage(),
          done.modelCalls());
    }
    return outcome;
  }

  private static String message(OutputVerifier.Verdict.Mismatch mismatch) {
    String shown = String.join("; ", mismatch.messages());
    int more = mismatch.total() - mismatch.messages().size();
    return "the output does not match its output schema: "
        + shown
        + (more > 0 ? " (and " + more + " more)" : "");
  }
}
