package dev.krako.worker.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.krako.worker.handler.DeterministicHandler;
import dev.krako.worker.handler.HandlerFailure;
import dev.krako.worker.handler.HandlerInvocation;
import dev.krako.worker.handler.HandlerRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code deterministic} units: {@code run.handler} names a handler of the registry, {@code
 * run.args} are its arguments. An unknown handler, a handler's own failure and an unexpected
 * exception all end the attempt as {@code DETERMINISTIC_EXEC_FAILED}, as KORA classifies them.
 */
public final class DeterministicExecutor implements UnitExecutor {

  public static final String FAILED = HandlerFailure.KORA_ERROR_TYPE;

  private static final Logger LOG = LoggerFactory.getLogger(DeterministicExecutor.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HandlerRegistry handlers;
  private final LongSupplier cpuNanos;

  /**
   * @param cpuNanos the clock that measures a handler's CPU time (System::nanoTime in production)
   */
  public DeterministicExecutor(HandlerRegistry handlers, LongSupplier cpuNanos) {
    this.handlers = handlers;
    this.cpuNanos = cpuNanos;
  }

  @Override
  public Outcome execute(UnitTask task) {
    long start = cpuNanos.getAsLong();
    try {
      JsonNode run = JSON.readTree(task.runJson());
      String name = run.path("handler").asText("");
      Optional<DeterministicHandler> handler = handlers.find(name);
      if (handler.isEmpty()) {
        return new Outcome.Failed(
            FAILED, "no deterministic handler is named \"" + name + "\"", used(start));
      }
      ObjectNode output = handler.get().handle(invocation(task, run));
      return new Outcome.Completed(JSON.writeValueAsString(output), used(start));
    } catch (HandlerFailure e) {
      return new Outcome.Failed(FAILED, e.code() + ": " + e.getMessage(), used(start));
    } catch (JsonProcessingException e) {
      return new Outcome.Failed(
          FAILED, "the unit's JSON could not be read: " + e.getOriginalMessage(), used(start));
    } catch (RuntimeException e) {
      LOG.error(
          "A handler threw on unit {} attempt {} of session {}.",
          task.workUnitId(),
          task.attemptIndex(),
          task.sessionId(),
          e);
      return new Outcome.Failed(FAILED, "the handler failed unexpectedly: " + e, used(start));
    }
  }

  private HandlerInvocation invocation(UnitTask task, JsonNode run) throws JsonProcessingException {
    Map<String, JsonNode> outputs = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : task.dependencyOutputs().entrySet()) {
      outputs.put(e.getKey(), e.getValue() == null ? JSON.nullNode() : JSON.readTree(e.getValue()));
    }
    JsonNode args = run.path("args").isObject() ? run.get("args") : JSON.createObjectNode();
    return new HandlerInvocation(
        task.workUnitId(),
        JSON.readTree(task.inputJson()),
        args,
        task.dependencyIds(),
        outputs,
        task.attemptIndex(),
        task.sessionId());
  }

  private ExecutionUsage used(long start) {
    return ExecutionUsage.cpu(Math.max(0, (cpuNanos.getAsLong() - start) / 1_000_000));
  }
}
