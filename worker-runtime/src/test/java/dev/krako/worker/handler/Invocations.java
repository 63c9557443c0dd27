package dev.krako.worker.handler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds handler invocations for tests; JSON may use single quotes to keep tests readable. */
final class Invocations {

  static final JsonMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

  private final String workUnitId;
  private JsonNode input = JSON.createObjectNode();
  private JsonNode args = JSON.createObjectNode();
  private final List<String> dependencyIds = new ArrayList<>();
  private final Map<String, JsonNode> dependencyOutputs = new LinkedHashMap<>();
  private int attemptIndex;

  private Invocations(String workUnitId) {
    this.workUnitId = workUnitId;
  }

  static Invocations unit(String workUnitId) {
    return new Invocations(workUnitId);
  }

  static JsonNode json(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Bad test JSON: " + json, e);
    }
  }

  static JsonNode resource(String path) {
    try (InputStream in = Invocations.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("No test resource " + path);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The field names of {@code output}, in order. */
  static List<String> fieldNames(ObjectNode output) {
    List<String> names = new ArrayList<>();
    output.fieldNames().forEachRemaining(names::add);
    return names;
  }

  Invocations input(String json) {
    return input(json(json));
  }

  Invocations input(JsonNode input) {
    this.input = input;
    return this;
  }

  Invocations args(String json) {
    return args(json(json));
  }

  Invocations args(JsonNode args) {
    this.args = args;
    return this;
  }

  /** Declares a dependency that has not produced an output. */
  Invocations dependsOn(String id) {
    dependencyIds.add(id);
    return this;
  }

  /** Declares a completed dependency and its output. */
  Invocations dependency(String id, JsonNode output) {
    dependencyIds.add(id);
    dependencyOutputs.put(id, output);
    return this;
  }

  Invocations attempt(int attemptIndex) {
    this.attemptIndex = attemptIndex;
    return this;
  }

  HandlerInvocation build() {
    return new HandlerInvocation(
        workUnitId, input, args, dependencyIds, dependencyOutputs, attemptIndex, "session-1");
  }
}
