package dev.krako.worker.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * KORA's {@code flaky_once}: fails on its first call in a graph run, then returns {@code {status,
 * task_id, message: "recovered"}}. Graphs use it with {@code on_fail: retry} to test retries.
 *
 * <p>KORA counts calls in per-run memory. Here the handler is a pure function of the attempt
 * instead: it fails when {@code attemptIndex == 0} and succeeds from attempt 1 on. In Krako every
 * retry is a new attempt of the same unit in the same run, so "the first call in a graph run" is
 * exactly attempt 0; unlike a counter, this gives the same answer on every worker process and on
 * every replay of a redelivered attempt. {@code runScope} is therefore not needed.
 */
public final class FlakyOnceHandler implements DeterministicHandler {

  /** The handler's name in {@code run.spec.handler}. */
  public static final String NAME = "flaky_once";

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Fails on attempt 0 and recovers afterwards.
   *
   * @throws HandlerFailure with code {@value HandlerFailure#FLAKY_FIRST_ATTEMPT} on attempt 0
   */
  @Override
  public ObjectNode handle(HandlerInvocation invocation) throws HandlerFailure {
    if (invocation.attemptIndex() == 0) {
      throw new HandlerFailure(
          HandlerFailure.FLAKY_FIRST_ATTEMPT, "flaky_once: intentional fail on the first attempt");
    }
    ObjectNode output = OkOutput.forUnit(invocation.workUnitId());
    output.put("message", "recovered");
    return output;
  }
}
