package dev.krako.worker.execution;

import com.fasterxml.jackson.databind.JsonNode;
import dev.krako.worker.smallmodel.Example;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code naive_bayes} is asked: training examples and the text to classify.
 *
 * <ul>
 *   <li>{@code examples}: {@code args.examples}, a non-empty array of {@code {text, label}}, both
 *       strings, the label not blank.
 *   <li>{@code text}: {@code input.text}, else {@code args.text}; a string.
 * </ul>
 */
public record ClassifyRequest(List<Example> examples, String text) {

  public ClassifyRequest {
    examples = List.copyOf(examples);
  }

  /**
   * Reads the request from a unit's run and input.
   *
   * @throws CpuRun.Invalid when a field is missing or has the wrong shape
   */
  public static ClassifyRequest read(CpuRun run) throws CpuRun.Invalid {
    JsonNode examples =
        run.arg("examples").orElseThrow(() -> new CpuRun.Invalid("no args.examples to learn from"));
    if (!examples.isArray() || examples.isEmpty()) {
      throw new CpuRun.Invalid("args.examples must be a non-empty array of {text, label} objects");
    }
    List<Example> read = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      JsonNode text = examples.get(i).path("text");
      JsonNode label = examples.get(i).path("label");
      if (!text.isTextual() || !label.isTextual() || label.textValue().isBlank()) {
        throw new CpuRun.Invalid(
            "args.examples[" + i + "] must be an object with a string text and a non-blank label");
      }
      read.add(new Example(text.textValue(), label.textValue()));
    }
    JsonNode text =
        run.inputField("text")
            .or(() -> run.arg("text"))
            .orElseThrow(() -> new CpuRun.Invalid("no text to classify: set input.text"));
    if (!text.isTextual()) {
      throw new CpuRun.Invalid("the text to classify must be a string");
    }
    return new ClassifyRequest(read, text.textValue());
  }
}
