package dev.krako.graph.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.krako.graph.Activation;
import dev.krako.graph.Criticality;
import dev.krako.graph.FailurePolicy;
import dev.krako.graph.Privacy;
import dev.krako.graph.UnitType;
import dev.krako.graph.VerificationMode;
import dev.krako.graph.Violation;
import dev.krako.graph.ViolationCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the published TaskGraph 1.x JSON Schema in step with the validator ({@code GraphParser}).
 * On every document of the corpus, the schema accepts it ⇔ the validator reports no structural
 * violation ({@link IngressVerdict#STRUCTURAL}). The corpus is the fixtures under {@code
 * graphs/schema-sync/} ({@code valid/}: both accept; {@code structural/}: both reject; {@code
 * cross-record/CODE.name.json}: the schema accepts, the validator rejects with CODE and nothing
 * structural), every single mutation of {@code valid/full.json}, and a few documents too large for
 * a file. Where the validator does not check a contract rule yet, the case is in {@link
 * PendingValidator} instead: only the schema's verdict is asserted, and the validator's is printed.
 */
final class SchemaSyncTest {

  private static final String FIXTURES = "graphs/schema-sync";

  // ---- the corpus: fixture files ----

  @TestFactory
  Stream<DynamicTest> validDocumentsPassBoth() {
    return fixtures("valid", 18)
        .map(
            doc ->
                dynamicTest(
                    doc.name(),
                    () -> {
                      Verdicts v = Verdicts.of(doc);
                      assertTrue(v.agree(), v::disagreement);
                      assertTrue(
                          v.schemaAccepts() && v.validator().accepted(),
                          () ->
                              v.report("expected both the schema and the validator to accept it"));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> structuralViolationsFailBoth() {
    return fixtures("structural", 70)
        .map(
            doc ->
                dynamicTest(
                    doc.name(),
                    () -> {
                      Verdicts v = Verdicts.of(doc);
                      assertTrue(v.agree(), v::disagreement);
                      assertTrue(
                          !v.schemaAccepts(), () -> v.report("expected a structural violation"));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> crossRecordViolationsPassTheSchemaAndFailTheValidator() {
    return fixtures("cross-record", 11)
        .map(
            doc ->
                dynamicTest(
                    doc.name(),
                    () -> {
                      String file = doc.name().substring(doc.name().lastIndexOf('/') + 1);
                      ViolationCode code =
                          ViolationCode.valueOf(file.substring(0, file.indexOf('.')));
                      assertBeyondSchema(Verdicts.of(doc), code);
                    }));
  }

  // ---- the corpus: generated documents ----

  /** Each single structural mutation of valid/full.json. */
  @TestFactory
  Stream<DynamicTest> everyMutationOfTheFullDocumentFailsBoth() {
    JsonNode full = full();
    List<Mutation> mutations = Mutations.of(full);
    assertThat(mutations).as("mutations of valid/full.json").hasSizeGreaterThan(300);
    return mutations.stream()
        .map(
            m ->
                dynamicTest(
                    m.name(),
                    () -> {
                      Verdicts v = Verdicts.of(m.document("valid/full.json", full));
                      assertTrue(v.agree(), v::disagreement);
                      assertTrue(
                          !v.schemaAccepts(),
                          () -> v.report("expected the mutation to be structural"));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> documentsAtTheLimits() {
    return Stream.of(
        dynamicTest(
            "1,000 units: both accept",
            () -> {
              Verdicts v = Verdicts.of(Document.of("1,000 units", withUnits(1_000)));
              assertTrue(v.agree(), v::disagreement);
              assertTrue(v.validator().accepted(), () -> v.report("expected both to accept it"));
            }),
        dynamicTest(
            "1,001 units: both reject (maxItems, TOO_LARGE at $.work_units)",
            () -> {
              Verdicts v = Verdicts.of(Document.of("1,001 units", withUnits(1_001)));
              assertTrue(v.agree(), v::disagreement);
              assertThat(v.validator().structural())
                  .extracting(Violation::code, Violation::path)
                  .containsExactly(tuple(ViolationCode.TOO_LARGE, "$.work_units"));
            }),
        dynamicTest(
            "over 1 MiB: the schema accepts, the validator says TOO_LARGE",
            () -> {
              ObjectNode doc = minimal();
              Json.set(doc, "/work_units/0/input/text", "x".repeat(1 << 20));
              assertBeyondSchema(
                  Verdicts.of(Document.of("over 1 MiB", doc)), ViolationCode.TOO_LARGE);
            }),
        dynamicTest(
            "nesting deeper than 64: the schema accepts, the validator says TOO_LARGE",
            () -> {
              ObjectNode doc = minimal();
              ObjectNode deep = ((ObjectNode) doc.at("/work_units/0")).putObject("input");
              for (int i = 0; i < 70; i++) {
                deep = deep.putObject("nested");
              }
              assertBeyondSchema(
                  Verdicts.of(Document.of("nesting 74 deep", doc)), ViolationCode.TOO_LARGE);
            }));
  }

  // ---- beyond JSON Schema: the validator is stricter, and no schema can say so ----

  /**
   * JSON Schema compares numbers by value, so an integer field written {@code 1.0} or {@code 1e3}
   * is an integer to it; the validator wants the integer form. And a JSON Schema sees a document
   * after parsing, when a repeated key is gone. These are listed in the schema's description.
   */
  @TestFactory
  Stream<DynamicTest> whatNoJsonSchemaCanSay() {
    String minimal = fixtureText("valid/minimal.json");
    return Stream.of(
        beyond(
            "an integer written 1.0",
            minimal.replace("\"max_cpu_units\": 10", "\"max_cpu_units\": 10.0"),
            ViolationCode.WRONG_TYPE),
        beyond(
            "an integer written 1e3",
            minimal.replace("\"max_latency_ms\": 60000", "\"max_latency_ms\": 6e4"),
            ViolationCode.WRONG_TYPE),
        beyond(
            "a key given twice",
            minimal.replace(
                "\"tenant_id\": \"tenant-a\",",
                "\"tenant_id\": \"tenant-a\", \"tenant_id\": \"tenant-b\","),
            ViolationCode.MALFORMED_JSON));
  }

  private DynamicTest beyond(String name, String text, ViolationCode code) {
    return dynamicTest(
        name,
        () -> {
          Verdicts v = Verdicts.of(new Document("valid/minimal.json | " + name, text));
          assertTrue(v.schemaAccepts(), () -> v.report("expected the schema to accept it"));
          assertThat(v.validator().violations())
              .as(v.report("the validator's violations"))
              .extracting(Violation::code)
              .containsExactly(code);
        });
  }

  // ---- pending validator: only the schema's verdict is asserted ----

  @TestFactory
  Stream<DynamicTest> pendingValidatorCases() {
    return PendingValidator.cases(full()).stream()
        .map(
            c ->
                dynamicTest(
                    c.document().name(),
                    () -> {
                      Verdicts v = Verdicts.of(c.document());
                      printPending(v, c.gap());
                      assertTrue(
                          v.schemaAccepts() == c.schemaAccepts(),
                          () ->
                              v.report(
                                  "PENDING VALIDATOR: "
                                      + "expected the schema to "
                                      + (c.schemaAccepts() ? "accept" : "reject")
                                      + " it"));
                    }));
  }

  private static void printPending(Verdicts v, String gap) {
    String validator =
        v.validator().accepted()
            ? "accepts it"
            : "rejects it with "
                + v.validator().violations().stream()
                    .map(x -> x.code() + " at " + x.path())
                    .toList();
    String status =
        v.agree()
            ? "validator now AGREES: move this case into the synchronised corpus"
            : "gap: " + gap;
    System.out.println(
        "PENDING VALIDATOR | "
            + v.document().name()
            + " | schema "
            + (v.schemaAccepts() ? "accepts" : "rejects")
            + " | validator "
            + validator
            + " | "
            + status);
  }

  // ---- the schema itself ----

  @Test
  void theSchemaIsAValidDraft202012Schema() {
    TaskGraphSchema schema = TaskGraphSchema.get();
    assertThat(schema.node().path("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.metaSchemaErrors()).as("meta-schema errors of %s", schema.file()).isEmpty();
  }

  @Test
  void theDescriptionNamesWhatTheSchemaCannotCheck() {
    String description = TaskGraphSchema.get().node().path("description").asText();
    assertThat(description)
        .contains("additional properties are allowed", "backward compatible")
        .contains(
            "DUPLICATE_WORK_UNIT_ID",
            "UNKNOWN_DEPENDENCY",
            "DAG_CYCLE",
            "BUDGET_UNSATISFIABLE",
            "TOO_LARGE",
            "MALFORMED_JSON",
            "1 MiB",
            "64 levels",
            "activation.of",
            "outputs.final");
  }

  @Test
  void theSchemasEnumsAreTheValidatorsModel() {
    JsonNode unit = TaskGraphSchema.get().node().at("/$defs/workUnit/properties");
    JsonNode graph = TaskGraphSchema.get().node().at("/properties");
    assertThat(enumOf(unit.at("/type")))
        .containsExactlyElementsOf(
            Arrays.stream(UnitType.values()).map(UnitType::wireName).toList());
    assertThat(enumOf(unit.at("/activation/properties/when")))
        .containsExactlyElementsOf(
            Arrays.stream(Activation.Condition.values())
                .map(Activation.Condition::wireName)
                .toList());
    assertThat(enumOf(unit.at("/criticality")))
        .containsExactlyElementsOf(wire(Criticality.values()));
    assertThat(enumOf(unit.at("/verification_mode")))
        .containsExactlyElementsOf(wire(VerificationMode.values()));
    assertThat(enumOf(unit.at("/constraints/properties/privacy")))
        .containsExactlyInAnyOrderElementsOf(wire(Privacy.values()));
    assertThat(enumOf(graph.at("/policies/properties/failure_policy")))
        .containsExactlyElementsOf(wire(FailurePolicy.values()));
  }

  @Test
  void ecmaEndAnchorsAreEndOfInput() {
    assertThat(TaskGraphSchema.EcmaAnchoredRegex.toJava("^1\\.[0-9]+$"))
        .isEqualTo("^1\\.[0-9]+\\z");
    assertThat(TaskGraphSchema.EcmaAnchoredRegex.toJava("^[$]\\$$")).isEqualTo("^[$]\\$\\z");
  }

  // ---- helpers ----

  private static void assertBeyondSchema(Verdicts v, ViolationCode code) {
    assertTrue(v.agree(), v::disagreement);
    assertTrue(v.schemaAccepts(), () -> v.report("expected the schema to accept it"));
    assertThat(v.validator().beyondSchema())
        .as(v.report("expected the validator to reject it with " + code))
        .extracting(Violation::code)
        .contains(code);
  }

  private static List<String> enumOf(JsonNode property) {
    List<String> values = new ArrayList<>();
    property
        .path("enum")
        .forEach(
            v -> {
              if (!v.isNull()) {
                values.add(v.asText());
              }
            });
    return values;
  }

  private static List<String> wire(Enum<?>[] values) {
    return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
  }

  static JsonNode full() {
    return Json.parse(fixtureText("valid/full.json"));
  }

  private static ObjectNode minimal() {
    return (ObjectNode) Json.parse(fixtureText("valid/minimal.json"));
  }

  private static ObjectNode withUnits(int count) {
    ObjectNode doc = minimal();
    ArrayNode units = doc.putArray("work_units");
    for (int i = 0; i < count; i++) {
      units
          .addObject()
          .put("id", "u" + i)
          .put("type", "deterministic")
          .putObject("run")
          .put("handler", "echo");
    }
    Json.set(doc, "/budgets/max_cpu_units", 10_000);
    return doc;
  }

  /** The fixture files of one folder, sorted; at least {@code atLeast}, so a moved folder fails. */
  private static Stream<Document> fixtures(String folder, int atLeast) {
    Path dir = fixtureRoot().resolve(folder);
    try (Stream<Path> files = Files.list(dir)) {
      List<Document> docs =
          files
              .filter(f -> f.toString().endsWith(".json"))
              .sorted()
              .map(f -> new Document(folder + "/" + f.getFileName(), read(f)))
              .toList();
      assertThat(docs).as("fixtures in %s", dir).hasSizeGreaterThanOrEqualTo(atLeast);
      return docs.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String fixtureText(String relative) {
    return read(fixtureRoot().resolve(relative));
  }

  /**
   * The fixtures in the source tree when the test runs in the module (as surefire does), so a
   * fixture renamed or deleted there cannot linger in target/; else the copy on the class path.
   */
  private static Path fixtureRoot() {
    Path source = Path.of("src", "test", "resources", FIXTURES);
    if (Files.isDirectory(source)) {
      return source;
    }
    URL url = SchemaSyncTest.class.getClassLoader().getResource(FIXTURES);
    assertThat(url).as("test resource %s", FIXTURES).isNotNull();
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
