package dev.krako.worker.execution;

import com.fasterxml.jackson.databind.JsonNode;
import dev.krako.worker.retrieval.Passage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code keyword_search} is asked: a corpus, a query and how many passages to return.
 *
 * <ul>
 *   <li>{@code corpus}: {@code args.corpus}, else {@code input.corpus}; an array of {@code {id,
 *       text}} objects. An id is a string or an integer (read as its decimal text) and unique in
 *       the corpus; {@code text} is a string.
 *   <li>{@code query}: {@code args.query}, else {@code input.query}, else {@code input.text}; a
 *       string.
 *   <li>{@code top_k}: {@code args.top_k}, an integer from 1; default {@value #DEFAULT_TOP_K}.
 * </ul>
 */
public record SearchRequest(List<Passage> corpus, String query, int topK) {

  public static final int DEFAULT_TOP_K = 3;

  public SearchRequest {
    corpus = List.copyOf(corpus);
  }

  /**
   * Reads the request from a unit's run and input.
   *
   * @throws CpuRun.Invalid when a field is missing or has the wrong shape
   */
  public static SearchRequest read(CpuRun run) throws CpuRun.Invalid {
    JsonNode corpus =
        first(run.arg("corpus"), run.inputField("corpus"))
            .orElseThrow(() -> new CpuRun.Invalid("no corpus: set args.corpus or input.corpus"));
    JsonNode query =
        first(run.arg("query"), first(run.inputField("query"), run.inputField("text")))
            .orElseThrow(
                () -> new CpuRun.Invalid("no query: set args.query, input.query or input.text"));
    if (!query.isTextual()) {
      throw new CpuRun.Invalid("the query must be a string");
    }
    return new SearchRequest(passages(corpus), query.textValue(), topK(run));
  }

  private static List<Passage> passages(JsonNode corpus) throws CpuRun.Invalid {
    if (!corpus.isArray()) {
      throw new CpuRun.Invalid("the corpus must be an array of {id, text} objects");
    }
    List<Passage> passages = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < corpus.size(); i++) {
      JsonNode entry = corpus.get(i);
      JsonNode id = entry.path("id");
      JsonNode text = entry.path("text");
      if (!(id.isTextual() || id.isIntegralNumber()) || !text.isTextual()) {
        throw new CpuRun.Invalid(
            "corpus[" + i + "] must be an object with a string or integer id and a string text");
      }
      String key = id.asText();
      if (!ids.add(key)) {
        throw new CpuRun.Invalid("corpus[" + i + "] repeats the id \"" + key + "\"");
      }
      passages.add(new Passage(key, text.textValue()));
    }
    return passages;
  }

  private static int topK(CpuRun run) throws CpuRun.Invalid {
    Optional<JsonNode> topK = run.arg("top_k");
    if (topK.isEmpty()) {
      return DEFAULT_TOP_K;
    }
    JsonNode value = topK.get();
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
      throw new CpuRun.Invalid("args.top_k must be an integer from 1, not " + value);
    }
    return value.intValue();
  }

  private static Optional<JsonNode> first(Optional<JsonNode> a, Optional<JsonNode> b) {
    return a.isPresent() ? a : b;
  }
}
