package dev.krako.worker.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a unit's output against its {@code output_schema} (JSON Schema; draft 2020-12 unless the
 * schema's {@code $schema} names another draft), as KORA verifies its tasks.
 *
 * <p>A schema is data from a graph, so it may not make the worker fetch anything: a {@code $ref} to
 * anything but the validator's bundled meta-schemas makes it unusable. {@code format} is an
 * annotation, not an assertion (the 2020-12 default, and what KORA's Python validator does).
 * Messages name the place in the output as a JSON path ({@code $.answer}), like Krako's rejections.
 * Compiled schemas are kept in a bounded cache keyed by their text. Thread-safe.
 */
public final class OutputVerifier {

  /** How many violation messages a mismatch keeps. */
  public static final int MAX_MESSAGES = 5;

  private static final int MAX_MESSAGE_CHARS = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V202012,
          builder ->
              builder
                  // One graph's $id must not stand for another graph's schema: this class caches
                  // by the schema's text instead.
                  .enableSchemaCache(false)
                  .schemaLoaders(
                      loaders ->
                          loaders.add(
                              new AllowSchemaLoader(iri -> "classpath".equals(iri.getScheme())))));
  private final SchemaValidatorsConfig config =
      SchemaValidatorsConfig.builder().locale(Locale.ROOT).pathType(PathType.LEGACY).build();
  private final Map<String, JsonSchema> cache;

  /** Keeps up to 256 compiled schemas. */
  public OutputVerifier() {
    this(256);
  }

  public OutputVerifier(int cachedSchemas) {
    if (cachedSchemas < 1) {
      throw new IllegalArgumentException("The schema cache holds at least one schema.");
    }
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, JsonSchema> eldest) {
            return size() > cachedSchemas;
          }
        };
  }

  /** The verdict on {@code outputJson} under {@code schemaJson}. Never throws. */
  public Verdict verify(String outputJson, String schemaJson) {
    JsonSchema schema;
    try {
      schema = compiled(schemaJson);
    } catch (IOException | RuntimeException e) {
      return new Verdict.UnusableSchema(bounded(String.valueOf(e.getMessage())));
    }
    JsonNode output;
    try {
      output = JSON.readTree(outputJson == null ? "" : outputJson);
    } catch (IOException e) {
      output = null;
    }
    if (output == null || output.isMissingNode()) {
      return new Verdict.Mismatch(List.of("$: the output is not JSON"), 1);
    }
    try {
      Set<ValidationMessage> messages = schema.validate(output);
      if (messages.isEmpty()) {
        return new Verdict.Matches();
      }
      List<String> first =
          messages.stream().limit(MAX_MESSAGES).map(m -> bounded(m.toString())).toList();
      return new Verdict.Mismatch(first, messages.size());
    } catch (RuntimeException e) {
      return new Verdict.UnusableSchema(bounded(String.valueOf(e.getMessage())));
    }
  }

  private JsonSchema compiled(String schemaJson) throws IOException {
    synchronized (cache) {
      JsonSchema known = cache.get(schemaJson);
      if (known != null) {
        return known;
      }
    }
    JsonNode node = JSON.readTree(schemaJson == null ? "" : schemaJson);
    if (node == null || !(node.isObject() || node.isBoolean())) {
      throw new IOException("the output schema is not a JSON object");
    }
    JsonSchema schema = factory.getSchema(node, config);
    schema.initializeValidators(); // resolves every $ref now, so validation is read-only
    synchronized (cache) {
      cache.put(schemaJson, schema);
    }
    return schema;
  }

  private static String bounded(String message) {
    return message.length() <= MAX_MESSAGE_CHARS
        ? message
        : message.substring(0, MAX_MESSAGE_CHARS) + "…";
  }

  /** What the verifier found. */
  public sealed interface Verdict {

    /** The output matches the schema. */
    record Matches() implements Verdict {}

    /**
     * The output does not match.
     *
     * @param messages the first {@value OutputVerifier#MAX_MESSAGES} violations, e.g. {@code $:
     *     required property 'answer' not found}
     * @param total how many violations there are
     */
    record Mismatch(List<String> messages, int total) implements Verdict {

      public Mismatch {
        messages = List.copyOf(messages);
      }
    }

    /** The schema cannot be used: not JSON, not a schema, or it refers to a remote document. */
    record UnusableSchema(String reason) implements Verdict {}
  }
}
