package dev.krako.worker.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.krako.worker.handler.OkOutput;
import dev.krako.worker.smallmodel.Classification;
import dev.krako.worker.smallmodel.NaiveBayesClassifier;
import dev.krako.worker.text.Terms;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code small_model} units on a CPU node with a tiny local model. The one handler, {@value
 * #NAIVE_BAYES} (the default when {@code run.handler} is absent), trains a {@link
 * NaiveBayesClassifier} on the unit's examples and classifies its text: {@code {"status": "ok",
 * "task_id", "label", "confidence"}}. The confidence is what a {@code confidence_below_threshold}
 * escalation reads.
 *
 * <p>Tokens: the text's white-space separated tokens are its {@code tokens_in}, the label is one
 * {@code tokens_out}, so the session's token budget covers small models too. When the dispatch
 * grants fewer tokens than that, nothing runs and the attempt is {@value #GRANT_EXCEEDED} with no
 * usage. Problems with the run or input, and an unknown handler, are {@value #FAILED}.
 */
public final class SmallModelExecutor implements UnitExecutor {

  /** The unit type this executor runs. */
  public static final String TYPE = "small_model";

  public static final String NAIVE_BAYES = "naive_bayes";
  public static final String FAILED = "SMALL_MODEL_EXEC_FAILED";
  public static final String GRANT_EXCEEDED = "TOKEN_GRANT_EXCEEDED";

  private static final Logger LOG = LoggerFactory.getLogger(SmallModelExecutor.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LongSupplier cpuNanos;

  /**
   * @param cpuNanos the clock that measures the model's CPU time (System::nanoTime in production)
   */
  public SmallModelExecutor(LongSupplier cpuNanos) {
    this.cpuNanos = cpuNanos;
  }

  @Override
  public Outcome execute(UnitTask task) {
    long start = cpuNanos.getAsLong();
    try {
      CpuRun run = CpuRun.read(task, NAIVE_BAYES);
      if (!NAIVE_BAYES.equals(run.handler())) {
        throw new CpuRun.Invalid(
            "no small model is named \"" + run.handler() + "\" (known: naive_bayes)");
      }
      ClassifyRequest request = ClassifyRequest.read(run);
      long tokensIn = Terms.whitespaceTokens(request.text());
      if (task.tokenGrant() != null && tokensIn + 1 > task.tokenGrant()) {
        return new Outcome.Failed(
            GRANT_EXCEEDED,
            "the text needs " + (tokensIn + 1) + " tokens, the grant is " + task.tokenGrant(),
            ExecutionUsage.cpu(0));
      }
      Classification answer =
          NaiveBayesClassifier.train(request.examples()).classify(request.text());
      ObjectNode output = OkOutput.forUnit(task.workUnitId());
      output.put("label", answer.label());
      output.set("confidence", DecimalNode.valueOf(answer.confidence()));
      ExecutionUsage usage = new ExecutionUsage(cpuMs(start), tokensIn, 1, 0);
      return new Outcome.Completed(JSON.writeValueAsString(output), usage);
    } catch (CpuRun.Invalid e) {
      return new Outcome.Failed(FAILED, e.getMessage(), ExecutionUsage.cpu(cpuMs(start)));
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.error(
          "The small model failed unexpectedly on unit {} attempt {} of session {}.",
          task.workUnitId(),
          task.attemptIndex(),
          task.sessionId(),
          e);
      return new Outcome.Failed(
          FAILED, "the model failed unexpectedly: " + e, ExecutionUsage.cpu(cpuMs(start)));
    }
  }

  private long cpuMs(long start) {
    return Math.max(0, (cpuNanos.getAsLong() - start) / 1_000_000);
  }
}
