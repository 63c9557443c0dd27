package dev.krako.worker.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.krako.worker.handler.OkOutput;
import dev.krako.worker.retrieval.Bm25;
import dev.krako.worker.retrieval.RankedPassage;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code retrieval} units on a CPU node. The one handler, {@value #KEYWORD_SEARCH} (the
 * default when {@code run.handler} is absent), ranks the passages of a corpus that travels with the
 * unit by {@link Bm25} and answers {@code {"status": "ok", "task_id", "results": [{"id", "score",
 * "text"}]}}. It reads nothing but the unit, so a retry or a replay gets the same bytes. Any
 * problem with the run or input, and an unknown handler, end the attempt as {@value #FAILED}.
 */
public final class RetrievalExecutor implements UnitExecutor {

  /** The unit type this executor runs. */
  public static final String TYPE = "retrieval";

  public static final String KEYWORD_SEARCH = "keyword_search";
  public static final String FAILED = "RETRIEVAL_EXEC_FAILED";

  private static final Logger LOG = LoggerFactory.getLogger(RetrievalExecutor.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LongSupplier cpuNanos;

  /**
   * @param cpuNanos the clock that measures the search's CPU time (System::nanoTime in production)
   */
  public RetrievalExecutor(LongSupplier cpuNanos) {
    this.cpuNanos = cpuNanos;
  }

  @Override
  public Outcome execute(UnitTask task) {
    long start = cpuNanos.getAsLong();
    try {
      CpuRun run = CpuRun.read(task, KEYWORD_SEARCH);
      if (!KEYWORD_SEARCH.equals(run.handler())) {
        throw new CpuRun.Invalid(
            "no retrieval handler is named \"" + run.handler() + "\" (known: keyword_search)");
      }
      SearchRequest request = SearchRequest.read(run);
      ObjectNode output = OkOutput.forUnit(task.workUnitId());
      ArrayNode results = output.putArray("results");
      for (RankedPassage ranked : Bm25.rank(request.corpus(), request.query(), request.topK())) {
        ObjectNode result = results.addObject();
        result.put("id", ranked.passage().id());
        result.set("score", DecimalNode.valueOf(ranked.score()));
        result.put("text", ranked.passage().text());
      }
      return new Outcome.Completed(JSON.writeValueAsString(output), used(start));
    } catch (CpuRun.Invalid e) {
      return new Outcome.Failed(FAILED, e.getMessage(), used(start));
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.error(
          "Retrieval failed unexpectedly on unit {} attempt {} of session {}.",
          task.workUnitId(),
          task.attemptIndex(),
          task.sessionId(),
          e);
      return new Outcome.Failed(FAILED, "the search failed unexpectedly: " + e, used(start));
    }
  }

  private ExecutionUsage used(long start) {
    return ExecutionUsage.cpu(Math.max(0, (cpuNanos.getAsLong() - start) / 1_000_000));
  }
}
