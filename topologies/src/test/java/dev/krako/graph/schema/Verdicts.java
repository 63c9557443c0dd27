package dev.krako.graph.schema;

import java.util.List;

/**
 * The schema's and the validator's verdicts on one document, and the failure messages that say
 * which document and which side disagreed.
 */
record Verdicts(Document document, List<String> schemaErrors, IngressVerdict validator) {

  static Verdicts of(Document document) {
    return new Verdicts(
        document,
        TaskGraphSchema.get().errors(document.json()),
        IngressVerdict.of(document.bytes()));
  }

  boolean schemaAccepts() {
    return schemaErrors.isEmpty();
  }

  /** The sync rule: the schema accepts ⇔ the validator reports no structural violation. */
  boolean agree() {
    return schemaAccepts() == validator.structurallyValid();
  }

  /** Why the two sides disagree, naming the side that accepts. */
  String disagreement() {
    String side =
        schemaAccepts()
            ? "the SCHEMA ACCEPTS it, but the VALIDATOR reports structural violations"
            : "the SCHEMA REJECTS it, but the VALIDATOR reports no structural violation";
    return "schema and validator disagree on " + document.name() + ": " + side + details();
  }

  /** Names the document and shows both verdicts; for any failed expectation. */
  String report(String expectation) {
    return document.name() + ": " + expectation + details();
  }

  private String details() {
    return "\n  schema errors: "
        + TaskGraphSchema.lines(schemaErrors)
        + "\n  validator: "
        + validator.describe()
        + "\n  document: "
        + Json.abbreviate(document.text(), 1500);
  }
}
