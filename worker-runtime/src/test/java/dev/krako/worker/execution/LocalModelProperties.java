package dev.krako.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.krako.worker.text.CodePointOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Retrieval and the small model are pure: the same unit gives the same bytes, whatever the order of
 * its corpus or examples, and the ranking is by score, then id in code-point order. jqwik prints
 * the seed of a failing try.
 */
class LocalModelProperties {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> WORDS =
      List.of(
          "reset",
          "password",
          "Invoice",
          "refund",
          "login",
          "card",
          "page",
          "the",
          "a",
          "caf\u00e9",
          "\u0130stanbul",
          "\uD83D\uDE00",
          "5GHz",
          "wi-fi");
  private static final List<String> IDS =
      List.of("a", "b", "ab", "B", "10", "9", "\uFF5E", "\uD83D\uDE00", "\u00e9", "e\u0301");

  private final RetrievalExecutor retrieval = new RetrievalExecutor(() -> 0L);
  private final SmallModelExecutor smallModel = new SmallModelExecutor(() -> 0L);

  @Property(tries = 300)
  void retrievalIsTheSameForAnyCorpusOrder(
      @ForAll("passages") List<String> texts,
      @ForAll("text") String query,
      @ForAll @IntRange(min = 1, max = 6) int topK,
      @ForAll long shuffleSeed)
      throws Exception {
    ArrayNode corpus = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < texts.size(); i++) {
      corpus.addObject().put("id", IDS.get(i)).put("text", texts.get(i));
    }
    ArrayNode shuffled = shuffled(corpus, shuffleSeed);

    String first = retrieve(corpus, query, topK);
    String again = retrieve(corpus, query, topK);
    String reordered = retrieve(shuffled, query, topK);

    assertThat(again).isEqualTo(first);
    assertThat(reordered).isEqualTo(first);
    JsonNode results = JSON.readTree(first).get("results");
    assertThat(results.size()).isLessThanOrEqualTo(topK);
    for (int i = 1; i < results.size(); i++) {
      BigDecimal before = new BigDecimal(results.get(i - 1).get("score").asText());
      BigDecimal after = new BigDecimal(results.get(i).get("score").asText());
      assertThat(before).isGreaterThanOrEqualTo(after);
      if (before.compareTo(after) == 0) {
        assertThat(
                CodePointOrder.INSTANCE.compare(
                    results.get(i - 1).get("id").asText(), results.get(i).get("id").asText()))
            .isNegative();
      }
    }
  }

  @Property(tries = 300)
  void theSmallModelIsTheSameForAnyExampleOrder(
      @ForAll("examples") List<List<String>> examples,
      @ForAll("text") String text,
      @ForAll long shuffleSeed)
      throws Exception {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    examples.forEach(e -> array.addObject().put("text", e.get(0)).put("label", e.get(1)));

    String first = classify(array, text);
    String reordered = classify(shuffled(array, shuffleSeed), text);

    assertThat(reordered).isEqualTo(first);
    assertThat(first).containsPattern("\"confidence\":[01]\\.\\d{4}}$");
    double confidence = JSON.readTree(first).get("confidence").asDouble();
    assertThat(confidence).isBetween(0.0, 1.0);
  }

  @Provide
  Arbitrary<List<String>> passages() {
    return text().list().ofMinSize(0).ofMaxSize(IDS.size());
  }

  @Provide
  Arbitrary<String> text() {
    return Arbitraries.of(WORDS).list().ofMaxSize(8).map(words -> String.join(" ", words));
  }

  @Provide
  Arbitrary<List<List<String>>> examples() {
    Arbitrary<List<String>> example =
        net.jqwik.api.Combinators.combine(
                text(), Arbitraries.of("x", "y", "\uFF5E", "\uD83D\uDE00"))
            .as(List::of);
    return example.list().ofMinSize(1).ofMaxSize(8);
  }

  private String retrieve(ArrayNode corpus, String query, int topK) {
    ObjectNode run = JsonNodeFactory.instance.objectNode();
    run.putObject("args").put("query", query).put("top_k", topK).set("corpus", corpus);
    return ((Outcome.Completed) retrieval.execute(CpuTasks.task("retrieval", run.toString(), "{}")))
        .outputJson();
  }

  private String classify(ArrayNode examples, String text) {
    ObjectNode run = JsonNodeFactory.instance.objectNode();
    run.putObject("args").set("examples", examples);
    ObjectNode input = JsonNodeFactory.instance.objectNode().put("text", text);
    return ((Outcome.Completed)
            smallModel.execute(CpuTasks.task("small_model", run.toString(), input.toString())))
        .outputJson();
  }

  private static ArrayNode shuffled(ArrayNode array, long seed) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    Collections.shuffle(items, new Random(seed));
    ArrayNode copy = JsonNodeFactory.instance.arrayNode();
    items.forEach(copy::add);
    return copy;
  }
}
