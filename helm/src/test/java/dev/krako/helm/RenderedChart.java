package dev.krako.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * The manifests that {@code helm template} renders from the chart in {@code krako/}, parsed, with
 * the look-ups the tests need. Rendering goes through helm-java's bundled native helm, so the
 * templates are evaluated by the real helm engine, {@code fail} included.
 *
 * <p>helm-java's {@code template} returns the release's manifest only, without its hooks (its
 * native {@code Template} prints {@code rel.Manifest}), and the topic Job is a hook. So each render
 * also renders a copy of the chart whose {@code helm.sh/hook*} annotations are renamed to {@value
 * #UNHOOKED}: helm then treats the hooks as ordinary resources and they appear, their hook
 * annotations still readable under the new name. A resource present in that copy but absent from
 * the real rendering is one that helm holds back as a hook: {@link #hooks()}.
 */
final class RenderedChart {

  static final Path CHART = Path.of("krako");
  static final String RELEASE = "krako";
  static final String NAMESPACE = "data-plane";
  static final String UNHOOKED = "unhooked.krako.test/hook";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path UNHOOKED_CHART = unhookedCopy();

  private final List<JsonNode> manifests;
  private final List<JsonNode> hooks;

  private RenderedChart(List<JsonNode> manifests, List<JsonNode> hooks) {
    this.manifests = manifests;
    this.hooks = hooks;
  }

  /** Renders with the chart's default values overridden by this values file's content. */
  static RenderedChart render(String valuesYaml) {
    Path values = writeValues(valuesYaml);
    List<JsonNode> manifests = parse(template(CHART, values));
    List<JsonNode> hooks =
        parse(template(UNHOOKED_CHART, values)).stream()
            .filter(doc -> manifests.stream().noneMatch(m -> sameResource(m, doc)))
            .toList();
    return new RenderedChart(manifests, hooks);
  }

  /** Renders with the chart's default values. */
  static RenderedChart render() {
    return render("");
  }

  private static String template(Path chart, Path values) {
    return new Helm(chart)
        .template()
        .withName(RELEASE)
        .withNamespace(NAMESPACE)
        .withValuesFile(values)
        .call();
  }

  private static Path writeValues(String valuesYaml) {
    try {
      Path file = Files.createTempFile("krako-values-", ".yaml");
      file.toFile().deleteOnExit();
      return Files.writeString(file, valuesYaml);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write a values file", e);
    }
  }

  private static boolean sameResource(JsonNode a, JsonNode b) {
    return a.path("kind").equals(b.path("kind"))
        && a.path("metadata").path("name").equals(b.path("metadata").path("name"));
  }

  private static Path unhookedCopy() {
    try {
      Path copy = Files.createTempDirectory("krako-chart-unhooked-").resolve("krako");
      try (Stream<Path> files = Files.walk(CHART)) {
        for (Path source : files.toList()) {
          Path target = copy.resolve(CHART.relativize(source).toString());
          if (Files.isDirectory(source)) {
            Files.createDirectories(target);
          } else {
            Files.writeString(target, Files.readString(source).replace("helm.sh/hook", UNHOOKED));
          }
        }
      }
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not copy the chart", e);
    }
  }

  private static List<JsonNode> parse(String text) {
    List<JsonNode> docs = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(text)) {
      for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
        if (doc != null && doc.isObject() && doc.has("kind")) {
          docs.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("helm template rendered YAML that does not parse", e);
    }
    return docs;
  }

  /** The release's resources (what {@code helm install} applies after the pre-install hooks). */
  List<JsonNode> all() {
    return manifests;
  }

  /** The hook resources, each with its hook annotations under {@value #UNHOOKED}*. */
  List<JsonNode> hooks() {
    return hooks;
  }

  /** The hook resource of this kind and name. */
  JsonNode hook(String kind, String name) {
    return hooks.stream()
        .filter(h -> kind.equals(h.path("kind").asText()))
        .filter(h -> name.equals(h.path("metadata").path("name").asText()))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("No hook " + kind + " named " + name));
  }

  List<JsonNode> ofKind(String kind) {
    return manifests.stream().filter(m -> kind.equals(m.path("kind").asText())).toList();
  }

  JsonNode get(String kind, String name) {
    return ofKind(kind).stream()
        .filter(m -> name.equals(m.path("metadata").path("name").asText()))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("No " + kind + " named " + name));
  }

  /** The pod template's only container of a workload (StatefulSet, Deployment, Job). */
  static JsonNode container(JsonNode workload) {
    JsonNode containers = workload.path("spec").path("template").path("spec").path("containers");
    if (containers.size() != 1) {
      throw new AssertionError("Expected one container, found " + containers.size());
    }
    return containers.get(0);
  }

  /**
   * The container's environment: the literal value, or a description of its source ({@code
   * field:metadata.name}, {@code secret:NAME/KEY}).
   */
  static Map<String, String> env(JsonNode workload) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode var : container(workload).path("env")) {
      String name = var.path("name").asText();
      if (env.containsKey(name)) {
        throw new AssertionError("Environment variable set twice: " + name);
      }
      JsonNode from = var.path("valueFrom");
      if (from.has("fieldRef")) {
        env.put(name, "field:" + from.path("fieldRef").path("fieldPath").asText());
      } else if (from.has("secretKeyRef")) {
        JsonNode ref = from.path("secretKeyRef");
        env.put(name, "secret:" + ref.path("name").asText() + "/" + ref.path("key").asText());
      } else {
        env.put(name, var.path("value").asText());
      }
    }
    return env;
  }

  /** The pod template's annotations of a workload. */
  static Map<String, String> podAnnotations(JsonNode workload) {
    Map<String, String> annotations = new LinkedHashMap<>();
    workload
        .path("spec")
        .path("template")
        .path("metadata")
        .path("annotations")
        .properties()
        .forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
    return annotations;
  }

  /** The volume named so in a workload's pod template. */
  static JsonNode volume(JsonNode workload, String name) {
    for (JsonNode volume : workload.path("spec").path("template").path("spec").path("volumes")) {
      if (name.equals(volume.path("name").asText())) {
        return volume;
      }
    }
    throw new NoSuchElementException("No volume " + name);
  }

  /** The container's volume mounts: mount path to volume name. */
  static Map<String, String> mounts(JsonNode workload) {
    Map<String, String> mounts = new LinkedHashMap<>();
    for (JsonNode mount : container(workload).path("volumeMounts")) {
      mounts.put(mount.path("mountPath").asText(), mount.path("name").asText());
    }
    return mounts;
  }
}
