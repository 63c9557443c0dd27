package dev.krako.graph.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * One document of the corpus: its name (a fixture file, or the mutation that made it) and its exact
 * text, which is what the validator parses; the schema gets the text as Jackson reads it.
 */
record Document(String name, String text) {

  static Document of(String name, JsonNode node) {
    return new Document(name, Json.write(node));
  }

  JsonNode json() {
    return Json.parse(text);
  }

  byte[] bytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return name;
  }
}
