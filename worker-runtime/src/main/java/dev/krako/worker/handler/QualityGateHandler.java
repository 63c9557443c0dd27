package dev.krako.worker.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * KORA's {@code quality_gate}: decides whether a mini skeleton is good enough to skip the full
 * model call. Output {@code {status, task_id, message, needs_refine, reason}}.
 *
 * <p>It reads the output of the dependency named by {@code args.dep_task_id}, else of the first
 * declared dependency; only dependencies' outputs are visible, so any other id reads as missing.
 * The first failed check wins, in this order: {@code mini_missing_slides} (no {@code slides}
 * array), then {@link SlideContract}'s {@code slide_count_mismatch}, {@code slide_not_object},
 * {@code slide_fields_missing}, {@code bullets_not_array}, {@code bullets_too_many}; each gives
 * {@code message: "run_full", needs_refine: true}. Otherwise {@code message: "skip_full",
 * needs_refine: false, reason: "mini_satisfies_contract"}.
 */
public final class QualityGateHandler implements DeterministicHandler {

  /** The handler's name in {@code run.spec.handler}. */
  public static final String NAME = "quality_gate";

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Judges the mini skeleton.
   *
   * @throws HandlerFailure if {@code args.target_slide_count} is not an integer (checked only when
   *     the skeleton has a slides array, as in KORA)
   */
  @Override
  public ObjectNode handle(HandlerInvocation invocation) throws HandlerFailure {
    JsonNode slides = skeleton(invocation).path("slides");
    if (!slides.isArray()) {
      return verdict(invocation, true, "mini_missing_slides");
    }
    return SlideContract.from(invocation.args())
        .firstViolation(slides)
        .map(reason -> verdict(invocation, true, reason))
        .orElseGet(() -> verdict(invocation, false, "mini_satisfies_contract"));
  }

  private static JsonNode skeleton(HandlerInvocation invocation) {
    String dependencyId =
        JsonField.present(invocation.args(), "dep_task_id")
            .map(KoraText::of)
            .map(String::strip)
            .filter(id -> !id.isEmpty())
            .orElseGet(() -> firstDependency(invocation));
    JsonNode output = invocation.dependencyOutputs().get(dependencyId);
    return output == null ? MissingNode.getInstance() : output;
  }

  private static String firstDependency(HandlerInvocation invocation) {
    return invocation.dependencyIds().isEmpty() ? "" : invocation.dependencyIds().get(0);
  }

  private static ObjectNode verdict(HandlerInvocation invocation, boolean refine, String reason) {
    ObjectNode output = OkOutput.forUnit(invocation.workUnitId());
    output.put("message", refine ? "run_full" : "skip_full");
    output.put("needs_refine", refine);
    output.put("reason", reason);
    return output;
  }
}
