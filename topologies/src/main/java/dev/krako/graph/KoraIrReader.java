package dev.krako.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Reads a KORA Task IR 0.1 document and maps it to the canonical 1.x form (docs/kora-0.1.md). */
final class KoraIrReader {

  private final IngressLimits limits;
  private final Submission submission;

  KoraIrReader(IngressLimits limits, Submission submission) {
    this.limits = limits;
    this.submission = submission;
  }

  ParseOutcome read(JsonNode root) {
    JsonNode id = root.get("graph_id");
    return new ParseOutcome.Rejected(
        id != null && id.isTextual() ? id.textValue() : null,
        submission.tenantId(),
        submission.requestId(),
        List.of(
            new Violation(
                ViolationCode.UNSUPPORTED_SCHEMA_VERSION,
                "$.version",
                "KORA Task IR 0.1 is not mapped yet (limit " + limits.maxWorkUnits() + ")")));
  }
}
