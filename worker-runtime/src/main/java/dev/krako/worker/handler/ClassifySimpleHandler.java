package dev.krako.worker.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * KORA's {@code classify_simple}: {@code {status, task_id, is_simple}}, where {@code is_simple} is
 * true when the task's text has fewer than {@value #SIMPLE_BELOW_CODE_POINTS} Unicode code points.
 */
public final class ClassifySimpleHandler implements DeterministicHandler {

  /** The handler's name in {@code run.spec.handler}. */
  public static final String NAME = "classify_simple";

  /** Texts shorter than this many code points are simple. */
  public static final int SIMPLE_BELOW_CODE_POINTS = 80;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ObjectNode handle(HandlerInvocation invocation) {
    // Code points, not chars: an emoji is one character for KORA's Python len() but two chars here.
    int length = KoraText.codePoints(KoraText.ofTask(invocation));
    ObjectNode output = OkOutput.forUnit(invocation.workUnitId());
    output.put("is_simple", length < SIMPLE_BELOW_CODE_POINTS);
    return output;
  }
}
