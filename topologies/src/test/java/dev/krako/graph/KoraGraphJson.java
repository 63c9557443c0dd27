package dev.krako.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Builds KORA Task IR 0.1 documents for tests, like {@link GraphJson} does for 1.x: valid by
 * default, changed one field at a time by dotted path; and parses them with record headers.
 */
final class KoraGraphJson {

  static final Instant RECEIVED_AT = Instant.parse("2026-05-06T07:08:09.010Z");
  static final Submission WITH_TENANT = new Submission("tenant-1", null, RECEIVED_AT);

  private final ObjectNode root;

  private KoraGraphJson(ObjectNode root) {
    this.root = root;
  }

  /** A valid 0.1 graph with these tasks: defaults 20 s, 400 tokens, 1 retry; no root. */
  static KoraGraphJson koraGraph(Task... tasks) {
    ObjectNode root = GraphJson.JSON.createObjectNode();
    root.put("graph_id", "kora-graph");
    root.put("version", "0.1");
    ObjectNode budget = root.putObject("defaults").putObject("budget");
    budget.put("max_time_ms", 20_000);
    budget.put("max_tokens", 400);
    budget.put("max_retries", 1);
    ArrayNode array = root.putArray("tasks");
    for (Task task : tasks) {
      array.add(task.node);
    }
    return new KoraGraphJson(root);
  }

  /** A det task running {@code echo} with no args, no verify, no policy. */
  static Task det(String id, String... deps) {
    Task task = new Task(id, deps);
    task.with("type", "det.echo").with("run.kind", "det").with("run.spec.handler", "echo");
    return task;
  }

  /** An llm task on this adapter asking one question, no verify, no policy. */
  static Task llm(String id, String adapter, String... deps) {
    Task task = new Task(id, deps);
    return task.with("type", "llm.answer")
        .with("run.kind", "llm")
        .with("run.spec.adapter", adapter)
        .with("run.spec.input.question", "Why?");
  }

  /** A sample from src/test/resources/kora, as KORA's code wrote it. */
  static byte[] sample(String name) {
    try (InputStream in = KoraGraphJson.class.getResourceAsStream("/kora/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("No sample " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ParseOutcome parseKora(byte[] document, Submission submission) {
    return Parsing.PARSER.parse(document, submission);
  }

  /** Parses with the tenant header set and no request header. */
  static ParseOutcome parseKora(KoraGraphJson document) {
    return parseKora(document.bytes(), WITH_TENANT);
  }

  static JsonNode tree(String json) {
    try {
      return GraphJson.JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  KoraGraphJson with(String dottedPath, Object value) {
    GraphJson.set(root, dottedPath, value);
    return this;
  }

  KoraGraphJson without(String dottedPath) {
    GraphJson.remove(root, dottedPath);
    return this;
  }

  ObjectNode node() {
    return root;
  }

  byte[] bytes() {
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One element of {@code $.tasks}. */
  static final class Task {

    private final ObjectNode node = GraphJson.JSON.createObjectNode();

    private Task(String id, String... deps) {
      node.put("id", id);
      ArrayNode array = node.putArray("deps");
      for (String dep : deps) {
        array.add(dep);
      }
      node.putObject("in");
    }

    Task with(String dottedPath, Object value) {
      GraphJson.set(node, dottedPath, value);
      return this;
    }

    Task without(String dottedPath) {
      GraphJson.remove(node, dottedPath);
      return this;
    }

    /** {@code policy.on_fail: retry}. */
    Task retrying() {
      return with("policy.on_fail", "retry");
    }
  }
}
