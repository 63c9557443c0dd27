package dev.krako.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * The store of every released version of every Krako schema, read from the classpath folder {@code
 * released/}: its {@code index.txt} lists one {@code <full name>/v<N>.avsc} per line.
 *
 * <p>A record written with any released version can be decoded, because the single-object encoding
 * names its writer schema by fingerprint and this store resolves the fingerprint.
 */
public final class ReleasedSchemas implements SchemaStore {

  private static final String FOLDER = "released/";
  private static final ReleasedSchemas INSTANCE = load();

  private final Map<Long, Schema> byFingerprint;
  private final Map<String, List<Schema>> byName;

  private ReleasedSchemas(Map<String, List<Schema>> byName) {
    this.byName = byName;
    Map<Long, Schema> fingerprints = new HashMap<>();
    byName.values().forEach(versions -> versions.forEach(s -> fingerprints.put(fingerprint(s), s)));
    this.byFingerprint = Map.copyOf(fingerprints);
  }

  /** The released schemas packaged with this build. */
  public static ReleasedSchemas instance() {
    return INSTANCE;
  }

  /** A store holding exactly these schemas, in order of release (for tests and tools). */
  public static ReleasedSchemas of(List<Schema> versions) {
    Map<String, List<Schema>> byName = new HashMap<>();
    versions.forEach(s -> byName.computeIfAbsent(s.getFullName(), n -> new ArrayList<>()).add(s));
    byName.replaceAll((name, list) -> List.copyOf(list));
    return new ReleasedSchemas(Map.copyOf(byName));
  }

  /** The 64-bit Rabin fingerprint that Avro's single-object encoding puts in every header. */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  @Override
  public Schema findByFingerprint(long fingerprint) {
    return byFingerprint.get(fingerprint);
  }

  /** Every released version of the record with this full name, oldest first. */
  public List<Schema> versionsOf(String fullName) {
    return byName.getOrDefault(fullName, List.of());
  }

  private static ReleasedSchemas load() {
    Map<String, List<Schema>> byName = new HashMap<>();
    for (String entry : readResource(FOLDER + "index.txt").split("\n")) {
      String path = entry.strip();
      if (path.isEmpty() || path.startsWith("#")) {
        continue;
      }
      Schema schema = new Schema.Parser().parse(readResource(FOLDER + path));
      byName.computeIfAbsent(schema.getFullName(), n -> new ArrayList<>()).add(schema);
    }
    byName.replaceAll((name, versions) -> Collections.unmodifiableList(versions));
    return new ReleasedSchemas(Map.copyOf(byName));
  }

  private static String readResource(String name) {
    try (InputStream in = ReleasedSchemas.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "The schema resource " + name + " is not on the classpath.");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the schema resource " + name + ".", e);
    }
  }
}
