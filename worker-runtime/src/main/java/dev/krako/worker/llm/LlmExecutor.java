package dev.krako.worker.llm;

import dev.krako.worker.execution.ExecutionUsage;
import dev.krako.worker.execution.ModelCall;
import dev.krako.worker.execution.Outcome;
import dev.krako.worker.execution.UnitExecutor;
import dev.krako.worker.execution.UnitTask;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code llm} units: one chat completion per attempt on the pod of this pool.
 *
 * <p>The request is built by {@link UnitPrompt} from the unit's run ({@link LlmRun}, 1.x or KORA
 * 0.1 form); the reply becomes the output by {@link UnitAnswer}. A completed attempt reports the
 * pod's token counts, one model call and one {@link ModelCall}. A call that fails (HTTP error,
 * timeout, transport, unreadable answer) is {@value #CALL_FAILED}, with the {@link ModelCall}'s
 * {@code error} set and no tokens (the pod reported none). A run that cannot become a request is
 * {@value #RUN_INVALID}, and no call is made; a call that the pod's open circuit breaker refused is
 * {@value #POD_UNAVAILABLE}, with no model call. Verification is {@code VerifyingExecutor}'s job.
 */
public final class LlmExecutor implements UnitExecutor {

  /** The unit type this executor runs. */
  public static final String TYPE = "llm";

  public static final String CALL_FAILED = "LLM_CALL_FAILED";
  public static final String RUN_INVALID = "LLM_RUN_INVALID";

  /** The pod's circuit breaker is open: the attempt failed fast, without a call. */
  public static final String POD_UNAVAILABLE = "LLM_POD_UNAVAILABLE";

  private static final Logger LOG = LoggerFactory.getLogger(LlmExecutor.class);

  private final ChatClient client;
  private final LlmPodSettings settings;

  public LlmExecutor(ChatClient client, LlmPodSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  @Override
  public Outcome execute(UnitTask task) {
    LlmRun run;
    ChatRequest request;
    try {
      run = LlmRun.read(task.runJson(), task.workUnitId());
      request = UnitPrompt.request(task, run, settings);
    } catch (LlmRun.Invalid e) {
      return new Outcome.Failed(RUN_INVALID, e.getMessage(), ExecutionUsage.cpu(0));
    } catch (RuntimeException e) {
      LOG.error(
          "The model request of unit {} attempt {} of session {} could not be built.",
          task.workUnitId(),
          task.attemptIndex(),
          task.sessionId(),
          e);
      return new Outcome.Failed(
          RUN_INVALID, "the model request could not be built: " + e, ExecutionUsage.cpu(0));
    }
    return call(task, run.tier(), request);
  }

  private Outcome call(UnitTask task, String tier, ChatRequest request) {
    ChatResult result = client.complete(request);
    if (result instanceof ChatResult.Answered answered) {
      ChatResponse response = answered.response();
      ModelCall call =
          new ModelCall(
              response.model(),
              tier,
              answered.latencyMs(),
              response.promptTokens(),
              response.completionTokens(),
              null);
      ExecutionUsage usage =
          new ExecutionUsage(0, response.promptTokens(), response.completionTokens(), 1);
      String output = UnitAnswer.output(response.content(), task.workUnitId());
      return new Outcome.Completed(output, usage, List.of(call));
    }
    ChatResult.Failed failed = (ChatResult.Failed) result;
    if (failed.failure().kind() == ChatFailure.Kind.CIRCUIT_OPEN) {
      // Nothing left this node: no model call to report or bill, and no tokens.
      return new Outcome.Failed(
          POD_UNAVAILABLE, failed.failure().message(), ExecutionUsage.cpu(0), List.of());
    }
    String error = failed.failure().describe();
    LOG.warn(
        "The model call of unit {} attempt {} of session {} to model {} failed: {}",
        task.workUnitId(),
        task.attemptIndex(),
        task.sessionId(),
        request.model(),
        error);
    ModelCall call = new ModelCall(request.model(), tier, failed.latencyMs(), 0, 0, error);
    return new Outcome.Failed(
        CALL_FAILED,
        "the model call failed: " + error,
        new ExecutionUsage(0, 0, 0, 1),
        List.of(call));
  }
}
