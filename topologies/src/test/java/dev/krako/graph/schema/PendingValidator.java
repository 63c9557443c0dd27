package dev.krako.graph.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.function.Consumer;

/**
 * PENDING VALIDATOR: documents on which the contract (and so the schema) and today's validator
 * disagree, because the validator does not check a rule yet. They are NOT in the synchronised
 * corpus: the tests assert only the schema's verdict on them and print what the validator says
 * today. When the validator catches up, move the case into the corpus (a fixture under
 * graphs/schema-sync/) so that the sync test guards it.
 */
final class PendingValidator {

  private PendingValidator() {}

  static final String REPEATED_UNKNOWN_DEPENDENCY =
      "a dependency listed twice is reported (WRONG_TYPE) only when it names a unit of the graph;"
          + " an unknown one listed twice gets UNKNOWN_DEPENDENCY only";

  /**
   * A document on which the validator is behind the contract.
   *
   * @param schemaAccepts the schema's verdict, which the test asserts
   * @param gap what the validator does not do yet
   */
  record Case(Document document, boolean schemaAccepts, String gap) {}

  /** The list, made from valid/full.json. */
  static List<Case> cases(JsonNode full) {
    return List.of(
        change(
            full,
            "a dependency that is not in the graph, listed twice",
            false,
            REPEATED_UNKNOWN_DEPENDENCY,
            d -> ((ArrayNode) d.at("/work_units/3/dependencies")).add("ghost").add("ghost")));
  }

  private static Case change(
      JsonNode full, String name, boolean schemaAccepts, String gap, Consumer<JsonNode> change) {
    JsonNode copy = full.deepCopy();
    change.accept(copy);
    return new Case(Document.of("valid/full.json | " + name, copy), schemaAccepts, gap);
  }
}
