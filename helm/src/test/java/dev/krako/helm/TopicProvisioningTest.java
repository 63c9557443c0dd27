package dev.krako.helm;

import static dev.krako.helm.RenderedChart.UNHOOKED;
import static dev.krako.helm.RenderedChart.env;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.krako.topics.TopicNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The topics: one Job, a pre-install and pre-upgrade hook, runs {@code krako topics create} with
 * the partitions, replication factor and prefix of the values; the chart names no topic itself, so
 * a topic added to the application is provisioned without a chart change.
 */
class TopicProvisioningTest {

  private static final String JOB = "krako-topics";

  @Test
  void aPreInstallAndPreUpgradeHookJobRunsTopicsCreate() {
    RenderedChart chart = RenderedChart.render();
    JsonNode job = chart.hook("Job", JOB);

    assertThat(RenderedChart.container(job).path("args").toString())
        .isEqualTo("[\"topics\",\"create\"]");
    JsonNode annotations = job.path("metadata").path("annotations");
    assertThat(annotations.path(UNHOOKED).asText()).isEqualTo("pre-install,pre-upgrade");
    assertThat(annotations.path(UNHOOKED + "-delete-policy").asText())
        .isEqualTo("before-hook-creation,hook-succeeded");
    assertThat(job.path("spec").path("template").path("spec").path("restartPolicy").asText())
        .isEqualTo("Never");
  }

  @Test
  void partitionsAndReplicationFactorComeFromTheValues() throws IOException {
    JsonNode defaults =
        new ObjectMapper(new YAMLFactory())
            .readTree(RenderedChart.CHART.resolve("values.yaml").toFile());
    Map<String, String> byDefault = env(RenderedChart.render().hook("Job", JOB));
    Map<String, String> set =
        env(
            RenderedChart.render(
                    """
                    topics:
                      partitions: 48
                      replicationFactor: 2
                    """)
                .hook("Job", JOB));

    assertThat(byDefault)
        .containsEntry("KRAKO_PARTITIONS", defaults.path("topics").path("partitions").asText())
        .containsEntry(
            "KRAKO_REPLICATION_FACTOR", defaults.path("topics").path("replicationFactor").asText());
    assertThat(set)
        .containsEntry("KRAKO_PARTITIONS", "48")
        .containsEntry("KRAKO_REPLICATION_FACTOR", "2");
  }

  @Test
  void theJobSetsOnlyTheVariablesOfTopicsCreate() {
    Map<String, String> env =
        env(
            RenderedChart.render(
                    """
                    kafka:
                      bootstrapServers: "b-1.kafka:9094,b-2.kafka:9094"
                      clientConfig: {existingSecret: kafka-client}
                    """)
                .hook("Job", JOB));

    assertThat(ServeInterface.TOPICS_CREATE).containsAll(env.keySet());
    assertThat(env)
        .containsEntry("KRAKO_BOOTSTRAP_SERVERS", "b-1.kafka:9094,b-2.kafka:9094")
        .containsEntry("KRAKO_KAFKA_CONFIG", ServeInterface.KAFKA_CONFIG_FILE);
  }

  @Test
  void theJobIsTheOnlyProvisioningPath() {
    RenderedChart chart = RenderedChart.render();

    assertThat(chart.ofKind("Job")).as("Jobs outside the hooks").isEmpty();
    List<JsonNode> provisioning = new ArrayList<>();
    Stream.concat(chart.all().stream(), chart.hooks().stream())
        .filter(r -> r.path("spec").path("template").path("spec").has("containers"))
        .filter(r -> RenderedChart.container(r).path("args").toString().contains("\"topics\""))
        .forEach(provisioning::add);
    assertThat(provisioning)
        .extracting(r -> r.path("metadata").path("name").asText())
        .containsExactly(JOB);
  }

  @Test
  void theTopicPrefixReachesTheJobAndEveryProcess() {
    RenderedChart chart =
        RenderedChart.render(
            """
            kafka:
              topicPrefix: "staging."
            """);

    List<JsonNode> processes = new ArrayList<>(chart.ofKind("StatefulSet"));
    processes.addAll(chart.ofKind("Deployment"));
    processes.add(chart.hook("Job", JOB));
    assertThat(processes).hasSize(5);
    for (JsonNode process : processes) {
      assertThat(env(process)).containsEntry("KRAKO_TOPIC_PREFIX", "staging.");
    }
  }

  /**
   * The application owns the topic list (TopicNames.all(), provisioned by `krako topics create`): a
   * topic name written into the chart would be a second list that can fall behind it.
   */
  @Test
  void noRenderedResourceNamesATopic() {
    RenderedChart chart =
        RenderedChart.render(
            """
            kafka:
              clientConfig:
                properties: {security.protocol: SASL_SSL}
            workers:
              cpu: {autoscaling: {enabled: true}}
            """);

    List<String> resources =
        Stream.concat(chart.all().stream(), chart.hooks().stream())
            .map(JsonNode::toString)
            .toList();
    for (String topic : TopicNames.defaults().all()) {
      assertThat(resources).noneMatch(r -> r.contains(topic));
    }
  }

  /** The chart's README lists what `krako topics create` provisions: exactly the app's topics. */
  @Test
  void theReadmeListsExactlyTheApplicationsTopics() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf("## Topics"));
    section = section.substring(0, section.indexOf("\n## ", 1));
    List<String> listed = new ArrayList<>();
    Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(section);
    while (row.find()) {
      listed.add(row.group(1));
    }

    assertThat(listed).containsExactlyInAnyOrderElementsOf(TopicNames.defaults().all());
  }
}
