package dev.krako.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Bad input is data: whatever a field holds, or whatever bytes arrive, the parser answers with an
 * outcome, never an exception, and an accepted graph has every unit the document declared.
 */
final class GraphParserRobustnessProperties {

  private static final List<String> GRAPH_FIELDS =
      List.of(
          "schema_version",
          "graph_id",
          "request_id",
          "tenant_id",
          "created_at",
          "budgets",
          "budgets.max_llm_calls",
          "budgets.max_cpu_units",
          "budgets.max_tokens",
          "budgets.max_latency_ms",
          "budgets.max_cost_usd",
          "policies",
          "policies.failure_policy",
          "outputs",
          "outputs.final",
          "work_units",
          "version");

  private static final List<String> UNIT_FIELDS =
      List.of(
          "id",
          "type",
          "dependencies",
          "input",
          "run",
          "constraints",
          "constraints.privacy",
          "constraints.local_only",
          "constraints.trusted_node_required",
          "constraints.budget_tokens",
          "retries",
          "retries.max_attempts",
          "retries.backoff_ms",
          "timeouts",
          "timeouts.run_timeout_ms",
          "idempotent",
          "output_schema");

  private static final List<Object> VALUES =
      Arrays.asList(
          null,
          true,
          false,
          -1,
          0,
          1,
          1.5,
          -0.5,
          1e30,
          BigInteger.TWO.pow(70),
          "",
          "x",
          "llm",
          "local_only",
          "1.0",
          List.of(),
          List.of("a"),
          List.of(1),
          Map.of(),
          Map.of("a", 1));

  @Provide
  Arbitrary<String> graphFields() {
    return Arbitraries.of(GRAPH_FIELDS);
  }

  @Provide
  Arbitrary<String> unitFields() {
    return Arbitraries.of(UNIT_FIELDS);
  }

  @Provide
  Arbitrary<Object> values() {
    return Arbitraries.of(VALUES);
  }

  @Provide
  Arbitrary<RandomDag> dags() {
    return RandomDag.dags(1, 8);
  }

  @Property
  void anyValueInAGraphFieldGivesAnOutcome(
      @ForAll("dags") RandomDag dag,
      @ForAll("graphFields") String field,
      @ForAll("values") Object value) {
    GraphJson document = dag.toJson().with(field, value);

    checkOutcome(document);
  }

  @Property
  void anyValueInAUnitFieldGivesAnOutcome(
      @ForAll("dags") RandomDag dag,
      @ForAll("unitFields") String field,
      @ForAll("values") Object value) {
    GraphJson document = dag.toJson();
    GraphJson.set(RandomDag.unitAt(document, 0), field, value);

    checkOutcome(document);
  }

  @Property
  void anyBytesGiveAnOutcome(@ForAll byte[] bytes) {
    assertThat(Parsing.PARSER.parse(bytes)).isNotNull();
  }

  @Property
  void aDamagedDocumentGivesAnOutcome(
      @ForAll("dags") RandomDag dag, @ForAll int position, @ForAll byte replacement) {
    byte[] bytes = dag.toJson().bytes();
    bytes[Math.floorMod(position, bytes.length)] = replacement;

    assertThat(Parsing.PARSER.parse(bytes)).isNotNull();
  }

  private static void checkOutcome(GraphJson document) {
    ParseOutcome outcome = Parsing.PARSER.parse(document.bytes());

    if (outcome instanceof ParseOutcome.Accepted accepted) {
      JsonNode declared = document.node().get("work_units");
      assertThat(accepted.graph().workUnits()).as("no unit dropped").hasSize(declared.size());
    } else {
      assertThat(((ParseOutcome.Rejected) outcome).violations())
          .allSatisfy(v -> assertThat(v.path()).startsWith("$"));
    }
  }
}
