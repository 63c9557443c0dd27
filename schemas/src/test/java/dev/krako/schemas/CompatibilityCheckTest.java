package dev.krako.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityCheckTest {

  @Test
  void currentSchemasReadEveryReleasedVersion() {
    assertThat(CompatibilityCheck.problems(KrakoSchemas.CURRENT, ReleasedSchemas.instance()))
        .as("schema changes must stay backward compatible with released versions")
        .isEmpty();
  }

  @Test
  void everyCurrentSchemaIsReleasedUnderItsFingerprint() {
    for (Schema schema : KrakoSchemas.CURRENT) {
      assertThat(ReleasedSchemas.instance().findByFingerprint(ReleasedSchemas.fingerprint(schema)))
          .as("%s must be released so that its records can be decoded", schema.getFullName())
          .isNotNull();
    }
  }

  @Test
  void aNewFieldWithoutDefaultIsReportedAsIncompatible() {
    Schema released = parse("{\"name\":\"a\",\"type\":\"string\"}");
    Schema changed =
        parse("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"long\"}");

    List<String> problems = CompatibilityCheck.problems(List.of(changed), storeOf(released));

    assertThat(problems).singleElement().asString().contains("cannot read released v1");
  }

  @Test
  void aNewFieldWithDefaultIsCompatible() {
    Schema released = parse("{\"name\":\"a\",\"type\":\"string\"}");
    Schema changed =
        parse(
            "{\"name\":\"a\",\"type\":\"string\"},"
                + "{\"name\":\"b\",\"type\":\"long\",\"default\":0}");

    assertThat(CompatibilityCheck.problems(List.of(changed), storeOf(released))).isEmpty();
  }

  @Test
  void anUnreleasedSchemaIsReported() {
    Schema lonely = parse("{\"name\":\"a\",\"type\":\"string\"}");

    assertThat(CompatibilityCheck.problems(List.of(lonely), storeOf()))
        .singleElement()
        .asString()
        .contains("no released version");
  }

  private static Schema parse(String fields) {
    return new Schema.Parser()
        .parse(
            "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"t\",\"fields\":["
                + fields
                + "]}");
  }

  private static ReleasedSchemas storeOf(Schema... versions) {
    return ReleasedSchemas.of(List.of(versions));
  }
}
