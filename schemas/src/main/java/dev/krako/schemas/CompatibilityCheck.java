package dev.krako.schemas;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Checks that each current schema can read data written by every released version of itself
 * (backward compatibility: a new consumer reads an old log), and that every current schema has been
 * released at least once. The build runs it as a test, so an incompatible change fails it.
 */
public final class CompatibilityCheck {

  private CompatibilityCheck() {}

  /** Every problem found, one sentence each; empty when the schemas are compatible. */
  public static List<String> problems(List<Schema> current, ReleasedSchemas released) {
    List<String> problems = new ArrayList<>();
    for (Schema reader : current) {
      List<Schema> versions = released.versionsOf(reader.getFullName());
      if (versions.isEmpty()) {
        problems.add(reader.getFullName() + " has no released version: run SchemaReleaser.");
      }
      for (int i = 0; i < versions.size(); i++) {
        SchemaPairCompatibility result =
            SchemaCompatibility.checkReaderWriterCompatibility(reader, versions.get(i));
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
          problems.add(
              reader.getFullName()
                  + " cannot read released v"
                  + (i + 1)
                  + ": "
                  + result.getResult().getIncompatibilities());
        }
      }
    }
    return problems;
  }
}
