package dev.krako.graph.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;

/**
 * One structural change to a valid document: delete a required field, give a field a value of
 * another JSON type or out of its range, or break a rule between fields of one unit. Every mutation
 * makes the document invalid under the contract.
 */
record Mutation(String name, Consumer<JsonNode> change) {

  /** A changed deep copy; the valid document is left as it was. */
  JsonNode applyTo(JsonNode valid) {
    JsonNode copy = valid.deepCopy();
    change.accept(copy);
    return copy;
  }

  Document document(String base, JsonNode valid) {
    return Document.of(base + " | " + name, applyTo(valid));
  }

  @Override
  public String toString() {
    return name;
  }
}
