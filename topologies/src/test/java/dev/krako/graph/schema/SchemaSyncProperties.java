package dev.krako.graph.schema;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The schema and the validator over random valid documents and random single structural mutations
 * of them (delete a required field, give a value another JSON type, put an enum or a number out of
 * range, break a rule between fields of a unit).
 */
final class SchemaSyncProperties {

  /** A valid document and one mutation of it. */
  record Mutated(JsonNode valid, Mutation mutation) {

    Document document() {
      return mutation.document("random valid document", valid);
    }

    @Override
    public String toString() {
      return mutation.name() + " of " + Json.abbreviate(Json.write(valid), 3000);
    }
  }

  @Provide
  Arbitrary<JsonNode> validDocuments() {
    return RandomGraphs.documents();
  }

  @Provide
  Arbitrary<Mutated> mutations() {
    return RandomGraphs.documents()
        .flatMap(doc -> Arbitraries.of(Mutations.of(doc)).map(m -> new Mutated(doc, m)));
  }

  @Property(tries = 500)
  void aValidDocumentPassesBoth(@ForAll("validDocuments") JsonNode document) {
    Verdicts v = Verdicts.of(Document.of("random valid document", document));
    assertTrue(v.agree(), v::disagreement);
    assertTrue(
        v.schemaAccepts() && v.validator().accepted(),
        () -> v.report("expected both the schema and the validator to accept it"));
  }

  @Property(tries = 1000)
  void theSchemaAndTheValidatorAgreeOnASingleStructuralMutation(
      @ForAll("mutations") Mutated mutated) {
    Statistics.collect(kind(mutated.mutation()));
    Verdicts v = Verdicts.of(mutated.document());
    assertTrue(v.agree(), v::disagreement);
    assertTrue(!v.schemaAccepts(), () -> v.report("expected the mutation to be structural"));
  }

  private static String kind(Mutation mutation) {
    String name = mutation.name();
    return name.substring(0, name.indexOf(' '));
  }
}
