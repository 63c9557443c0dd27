package dev.krako.graph.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The published TaskGraph 1.x JSON Schema ({@code schemas/src/main/jsonschema}), loaded once and
 * applied with format assertions on ({@code created_at} is a {@code date-time}).
 */
final class TaskGraphSchema {

  /** Relative to the topologies module, where surefire runs; the second for a run from the root. */
  private static final List<Path> LOCATIONS =
      List.of(
          Path.of("..", "schemas", "src", "main", "jsonschema", "taskgraph-1.x.schema.json"),
          Path.of("schemas", "src", "main", "jsonschema", "taskgraph-1.x.schema.json"));

  private static final TaskGraphSchema INSTANCE = load();

  private final Path file;
  private final JsonNode node;
  private final JsonSchema schema;
  private final SchemaValidatorsConfig config;
  private final JsonSchemaFactory factory;

  private TaskGraphSchema(Path file, JsonNode node) {
    this.file = file;
    this.node = node;
    this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    this.config =
        SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .regularExpressionFactory(new EcmaAnchoredRegex())
            .build();
    this.schema = factory.getSchema(node, config);
  }

  static TaskGraphSchema get() {
    return INSTANCE;
  }

  Path file() {
    return file;
  }

  /** The schema document itself. */
  JsonNode node() {
    return node;
  }

  /** Every message the schema has for this document; empty when it accepts it. */
  List<String> errors(JsonNode document) {
    return schema.validate(document).stream().map(ValidationMessage::toString).sorted().toList();
  }

  boolean accepts(JsonNode document) {
    return schema.validate(document).isEmpty();
  }

  /** What the draft 2020-12 meta-schema says about the published schema. */
  List<String> metaSchemaErrors() {
    JsonSchema meta =
        factory.getSchema(
            SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"), config);
    return meta.validate(node).stream().map(ValidationMessage::toString).sorted().toList();
  }

  /** Set it (-Dkrako.taskgraph.schema=...) to run the sync tests against another schema file. */
  static final String OVERRIDE = "krako.taskgraph.schema";

  private static TaskGraphSchema load() {
    String override = System.getProperty(OVERRIDE);
    Path file =
        Stream.concat(Stream.ofNullable(override).map(Path::of), LOCATIONS.stream())
            .filter(Files::isRegularFile)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "taskgraph-1.x.schema.json not found from "
                            + Path.of("").toAbsolutePath()
                            + " at "
                            + LOCATIONS));
    try {
      return new TaskGraphSchema(file, Json.parse(Files.readString(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * JSON Schema patterns are ECMA-262 regular expressions, where {@code $} (no multiline flag)
   * matches only at the end of the input; in {@link Pattern} it also matches before a final line
   * terminator, so {@code "1.0\n"} would pass {@code ^1\.[0-9]+$}. This turns each unescaped {@code
   * $} outside a character class into {@code \z}; the patterns of this schema use nothing else on
   * which the two dialects differ.
   */
  static final class EcmaAnchoredRegex implements RegularExpressionFactory {

    @Override
    public RegularExpression getRegularExpression(String regex) {
      Pattern pattern = Pattern.compile(toJava(regex));
      return value -> pattern.matcher(value).find();
    }

    static String toJava(String ecma) {
      StringBuilder java = new StringBuilder();
      boolean inClass = false;
      for (int i = 0; i < ecma.length(); i++) {
        char c = ecma.charAt(i);
        if (c == '\\' && i + 1 < ecma.length()) {
          java.append(c).append(ecma.charAt(++i));
        } else if (c == '[') {
          inClass = true;
          java.append(c);
        } else if (c == ']') {
          inClass = false;
          java.append(c);
        } else if (c == '$' && !inClass) {
          java.append("\\z");
        } else {
          java.append(c);
        }
      }
      return java.toString();
    }
  }

  /** For a failure message: the schema's errors, one per line. */
  static String lines(List<String> errors) {
    return errors.isEmpty()
        ? "(none)"
        : errors.stream().map(e -> "\n      " + e).collect(Collectors.joining());
  }
}
