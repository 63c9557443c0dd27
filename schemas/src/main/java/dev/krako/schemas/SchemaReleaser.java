package dev.krako.schemas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Releases the current schemas: writes each one whose fingerprint is not yet released as the next
 * {@code v<N>.avsc} under the given resources folder and rewrites {@code index.txt}. Run it when a
 * schema change ships (see docs/schemas.md); the compatibility test then guards that version.
 */
public final class SchemaReleaser {

  private SchemaReleaser() {}

  /** {@code args[0]}: the {@code released} folder, e.g. schemas/src/main/resources/released. */
  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args.length > 0 ? args[0] : "schemas/src/main/resources/released");
    List<String> index = new ArrayList<>();
    for (Schema schema : KrakoSchemas.CURRENT) {
      index.addAll(release(folder, schema));
    }
    Files.writeString(folder.resolve("index.txt"), String.join("\n", index) + "\n");
  }

  private static List<String> release(Path folder, Schema current) throws IOException {
    Path dir = folder.resolve(current.getFullName());
    Files.createDirectories(dir);
    List<String> entries = new ArrayList<>();
    boolean released = false;
    int version = 1;
    for (; Files.exists(dir.resolve("v" + version + ".avsc")); version++) {
      Schema old = new Schema.Parser().parse(dir.resolve("v" + version + ".avsc").toFile());
      released |= ReleasedSchemas.fingerprint(old) == ReleasedSchemas.fingerprint(current);
      entries.add(current.getFullName() + "/v" + version + ".avsc");
    }
    if (!released) {
      Files.writeString(dir.resolve("v" + version + ".avsc"), current.toString(true) + "\n");
      entries.add(current.getFullName() + "/v" + version + ".avsc");
    }
    return entries;
  }
}
