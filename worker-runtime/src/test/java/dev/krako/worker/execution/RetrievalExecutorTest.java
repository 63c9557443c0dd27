package dev.krako.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RetrievalExecutorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CORPUS =
      "[{\"id\":\"pw\",\"text\":\"Reset your password in settings.\"},"
          + "{\"id\":\"bill\",\"text\":\"Invoices are on the billing page.\"},"
          + "{\"id\":\"card\",\"text\":\"Update the card on the billing page.\"}]";

  private final RetrievalExecutor executor = new RetrievalExecutor(() -> 0L);

  @Test
  void keywordSearchAnswersTheRankedPassagesWithTheirScoresAndTexts() throws Exception {
    Outcome outcome =
        run("{\"args\":{\"corpus\":" + CORPUS + ",\"query\":\"billing page invoices\"}}", "{}");

    String output = ((Outcome.Completed) outcome).outputJson();
    assertThat(output)
        .startsWith(
            "{\"status\":\"ok\",\"task_id\":\"unit-1\",\"results\":[{\"id\":\"bill\",\"score\":");
    JsonNode results = JSON.readTree(output).get("results");
    assertThat(results).hasSize(2);
    assertThat(results.get(1).get("id").asText()).isEqualTo("card");
    assertThat(results.get(0).get("text").asText()).isEqualTo("Invoices are on the billing page.");
    assertThat(output).containsPattern("\"score\":\\d+\\.\\d{4},");
    assertThat(outcome.usage()).isEqualTo(ExecutionUsage.cpu(0));
  }

  @Test
  void theHandlerDefaultsToKeywordSearchAndTheQueryAndCorpusMayComeFromTheInput() {
    Outcome fromArgs =
        run(
            "{\"handler\":\"keyword_search\",\"args\":{\"corpus\":"
                + CORPUS
                + ",\"query\":\"password\"}}",
            "{}");
    Outcome fromInput = run("{}", "{\"corpus\":" + CORPUS + ",\"query\":\"password\"}");
    Outcome fromText = run("{\"args\":{\"corpus\":" + CORPUS + "}}", "{\"text\":\"password\"}");

    assertThat(fromInput).isEqualTo(fromArgs);
    assertThat(fromText).isEqualTo(fromArgs);
  }

  @Test
  void argsWinOverTheInput() throws Exception {
    Outcome outcome =
        run(
            "{\"args\":{\"corpus\":" + CORPUS + ",\"query\":\"password\"}}",
            "{\"corpus\":[],\"query\":\"billing\"}");

    JsonNode results = JSON.readTree(((Outcome.Completed) outcome).outputJson()).get("results");
    assertThat(results).extracting(r -> r.get("id").asText()).containsExactly("pw");
  }

  @Test
  void topKDefaultsToThree() throws Exception {
    String corpus =
        "[{\"id\":\"1\",\"text\":\"x\"},{\"id\":\"2\",\"text\":\"x\"},{\"id\":\"3\",\"text\":\"x\"},{\"id\":\"4\",\"text\":\"x\"}]";

    JsonNode three = results(run("{\"args\":{\"corpus\":" + corpus + ",\"query\":\"x\"}}", "{}"));
    JsonNode one =
        results(run("{\"args\":{\"corpus\":" + corpus + ",\"query\":\"x\",\"top_k\":1}}", "{}"));

    assertThat(three).extracting(r -> r.get("id").asText()).containsExactly("1", "2", "3");
    assertThat(one).extracting(r -> r.get("id").asText()).containsExactly("1");
  }

  @Test
  void integerIdsAreReadAsTheirText() throws Exception {
    JsonNode results =
        results(run("{\"args\":{\"corpus\":[{\"id\":7,\"text\":\"x\"}],\"query\":\"x\"}}", "{}"));

    assertThat(results.get(0).get("id").isTextual()).isTrue();
    assertThat(results.get(0).get("id").asText()).isEqualTo("7");
  }

  @Test
  void aQueryWithNoMatchAnswersNoResults() {
    Outcome outcome = run("{\"args\":{\"corpus\":" + CORPUS + ",\"query\":\"kubernetes\"}}", "{}");

    assertThat(((Outcome.Completed) outcome).outputJson())
        .isEqualTo("{\"status\":\"ok\",\"task_id\":\"unit-1\",\"results\":[]}");
  }

  @Test
  void unusableRunsFailWithTheRetrievalCode() {
    assertFails("{\"handler\":\"vector_search\",\"args\":{}}", "{}", "no retrieval handler");
    assertFails("{\"args\":{\"query\":\"x\"}}", "{}", "no corpus");
    assertFails("{\"args\":{\"corpus\":" + CORPUS + "}}", "{}", "no query");
    assertFails("{\"args\":{\"corpus\":{},\"query\":\"x\"}}", "{}", "must be an array");
    assertFails("{\"args\":{\"corpus\":[{\"id\":\"a\"}],\"query\":\"x\"}}", "{}", "corpus[0]");
    assertFails(
        "{\"args\":{\"corpus\":[{\"id\":\"a\",\"text\":\"\"},{\"id\":\"a\",\"text\":\"\"}],\"query\":\"x\"}}",
        "{}",
        "repeats the id");
    assertFails("{\"args\":{\"corpus\":[],\"query\":3}}", "{}", "must be a string");
    assertFails("{\"args\":{\"corpus\":[],\"query\":\"x\",\"top_k\":0}}", "{}", "top_k");
    assertFails("{\"args\":{\"corpus\":[],\"query\":\"x\",\"top_k\":1.5}}", "{}", "top_k");
    assertFails("{\"args\":[]}", "{}", "run.args");
    assertFails("[1]", "{}", "run must be a JSON object");
    assertFails("{", "{}", "is not JSON");
  }

  private void assertFails(String run, String input, String message) {
    Outcome outcome = run(run, input);
    assertThat(outcome).isInstanceOf(Outcome.Failed.class);
    Outcome.Failed failed = (Outcome.Failed) outcome;
    assertThat(failed.errorCode()).isEqualTo(RetrievalExecutor.FAILED);
    assertThat(failed.message()).contains(message);
  }

  private Outcome run(String run, String input) {
    return executor.execute(CpuTasks.task("retrieval", run, input));
  }

  private static JsonNode results(Outcome outcome) throws Exception {
    return JSON.readTree(((Outcome.Completed) outcome).outputJson()).get("results");
  }
}
