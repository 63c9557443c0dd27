package dev.krako.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SmallModelExecutorTest {

  private static final String EXAMPLES =
      "[{\"text\":\"reset my password\",\"label\":\"account\"},"
          + "{\"text\":\"login locked\",\"label\":\"account\"},"
          + "{\"text\":\"refund the invoice\",\"label\":\"billing\"}]";

  private final SmallModelExecutor executor = new SmallModelExecutor(() -> 0L);

  @Test
  void naiveBayesAnswersTheLabelAndItsConfidence() throws Exception {
    Outcome outcome =
        run(
            "{\"handler\":\"naive_bayes\",\"args\":{\"examples\":" + EXAMPLES + "}}",
            "{\"text\":\"I need a refund for this invoice\"}",
            null);

    String output = ((Outcome.Completed) outcome).outputJson();
    assertThat(output)
        .matches(
            "\\{\"status\":\"ok\",\"task_id\":\"unit-1\",\"label\":\"billing\",\"confidence\":0\\.\\d{4}}");
    double confidence = new ObjectMapper().readTree(output).get("confidence").asDouble();
    assertThat(confidence).isBetween(0.5, 1.0);
  }

  @Test
  void theInputsWhitespaceTokensAreTheTokensInAndTheLabelIsOneTokenOut() {
    Outcome outcome =
        run(
            "{\"args\":{\"examples\":" + EXAMPLES + "}}",
            "{\"text\":\"  reset   my password \"}",
            100L);

    assertThat(outcome.usage()).isEqualTo(new ExecutionUsage(0, 3, 1, 0));
    assertThat(outcome.modelCalls()).isEmpty();
  }

  @Test
  void theTextMayComeFromTheArgs() {
    Outcome fromInput =
        run("{\"args\":{\"examples\":" + EXAMPLES + "}}", "{\"text\":\"login\"}", null);
    Outcome fromArgs =
        run("{\"args\":{\"examples\":" + EXAMPLES + ",\"text\":\"login\"}}", "{}", null);

    assertThat(fromArgs).isEqualTo(fromInput);
  }

  @Test
  void aGrantTooSmallForTheTextRunsNothing() {
    Outcome outcome =
        run("{\"args\":{\"examples\":" + EXAMPLES + "}}", "{\"text\":\"reset my password\"}", 3L);

    Outcome.Failed failed = (Outcome.Failed) outcome;
    assertThat(failed.errorCode()).isEqualTo(SmallModelExecutor.GRANT_EXCEEDED);
    assertThat(failed.message()).isEqualTo("the text needs 4 tokens, the grant is 3");
    assertThat(failed.usage()).isEqualTo(ExecutionUsage.cpu(0));
  }

  @Test
  void aGrantThatFitsExactlyIsEnough() {
    assertThat(
            run(
                "{\"args\":{\"examples\":" + EXAMPLES + "}}",
                "{\"text\":\"reset my password\"}",
                4L))
        .isInstanceOf(Outcome.Completed.class);
  }

  @Test
  void unusableRunsFailWithTheSmallModelCode() {
    assertFails("{\"handler\":\"gpt\",\"args\":{}}", "{\"text\":\"x\"}", "no small model");
    assertFails("{}", "{\"text\":\"x\"}", "no args.examples");
    assertFails("{\"args\":{\"examples\":[]}}", "{\"text\":\"x\"}", "non-empty array");
    assertFails("{\"args\":{\"examples\":[{\"text\":\"x\"}]}}", "{\"text\":\"x\"}", "examples[0]");
    assertFails(
        "{\"args\":{\"examples\":[{\"text\":\"x\",\"label\":\" \"}]}}",
        "{\"text\":\"x\"}",
        "examples[0]");
    assertFails("{\"args\":{\"examples\":" + EXAMPLES + "}}", "{}", "no text to classify");
    assertFails("{\"args\":{\"examples\":" + EXAMPLES + "}}", "{\"text\":1}", "must be a string");
    assertFails("{\"handler\":7}", "{}", "run.handler must be a string");
    assertFails("{}", "[]", "input must be a JSON object");
  }

  private void assertFails(String run, String input, String message) {
    Outcome outcome = run(run, input, null);
    assertThat(outcome).isInstanceOf(Outcome.Failed.class);
    Outcome.Failed failed = (Outcome.Failed) outcome;
    assertThat(failed.errorCode()).isEqualTo(SmallModelExecutor.FAILED);
    assertThat(failed.message()).contains(message);
  }

  private Outcome run(String run, String input, Long grant) {
    return executor.execute(CpuTasks.task("small_model", run, input, grant));
  }
}
