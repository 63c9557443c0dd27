package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import dev.krako.query.ApiKeys;
import dev.krako.topics.TopicNames;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger listing and node trust against two running instances of the whole system with the same
 * application ids. The tenants are chosen so that their ids fall in every partition of the ledger
 * store (three), so each instance owns some of them: every listing is asked of both instances, and
 * one of the two forwards it. A page's cursor from one instance is followed on the other. Tenant
 * keys cannot read another tenant's ledger or node trust; the operator key reads node trust and
 * nothing of a tenant.
 */
@ExtendWith(KafkaBrokerExtension.class)
class QueryLedgerAndTrustTwoInstancesIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PARTITIONS = 3;

  @TempDir Path dir;
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void bothInstancesListEveryTenantsLedgerAndTheFleetsTrust(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    Map<String, String> keyOfTenant = tenantsInEveryPartition();
    String operatorKey = ApiKeys.newKey();
    ApiKeys.Builder builder = ApiKeys.builder().operatorKey(operatorKey, "ops-it");
    keyOfTenant.forEach((tenant, key) -> builder.key(key, tenant));
    ApiKeys keys = builder.build();
    String prefix = names.topic("q") + ".";
    TopicNames topics = TopicNames.defaults().withPrefix(prefix);
    broker.createTopics(KrakoTopicSpecs.all(topics, PARTITIONS));
    try (KrakoSystem one = start(broker, topics, prefix, keys, 0);
        KrakoSystem two = start(broker, topics, prefix, keys, 1);
        GraphSubmitter submitter =
            new GraphSubmitter(broker.bootstrapServers(), topics.taskGraphs())) {
      for (String tenant : keyOfTenant.keySet()) {
        String graph = twoEchoes(tenant);
        submitter.submit(graph.getBytes(StandardCharsets.UTF_8));
      }
      int[] ports = {one.httpPort(), two.httpPort()};
      // Until billing has billed both units of every chain and the last rebalance has settled.
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () -> {
                for (Map.Entry<String, String> t : keyOfTenant.entrySet()) {
                  JsonNode page = sameOk(ports, t.getValue(), ledger(t.getKey(), ""));
                  assertThat(page.path("entries")).hasSize(2);
                }
              });

      // Every read is idempotent: retried as a whole should a late rebalance answer 503.
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> listingsAndRefusals(ports, keyOfTenant, operatorKey));

      String anyTenantKey = keyOfTenant.values().iterator().next();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                List<String> nodes = new ArrayList<>();
                for (int port : ports) {
                  List<String> seen = new ArrayList<>();
                  ok(port, operatorKey, "/v1/nodes")
                      .path("nodes")
                      .forEach(n -> seen.add(n.path("node_id").asText()));
                  assertThat(seen).isNotEmpty();
                  if (!nodes.isEmpty()) {
                    assertThat(seen).isEqualTo(nodes);
                  }
                  nodes = seen;
                }
                for (String node : nodes) {
                  String path = "/v1/nodes/" + encode(node) + "/trust";
                  for (int port : ports) {
                    JsonNode trust = ok(port, operatorKey, path);
                    assertThat(trust.path("node_id").asText()).isEqualTo(node);
                    assertThat(trust.path("score").asText()).matches("[01]\\.\\d{4}");
                    assertThat(get(port, anyTenantKey, path).statusCode()).isEqualTo(403);
                  }
                }
              });
      assertThat(one.failure()).isNotDone();
      assertThat(two.failure()).isNotDone();
    }
  }

  private void listingsAndRefusals(int[] ports, Map<String, String> keyOfTenant, String operatorKey)
      throws Exception {
    for (Map.Entry<String, String> t : keyOfTenant.entrySet()) {
      String tenant = t.getKey();
      String key = t.getValue();
      JsonNode first = sameOk(ports, key, ledger(tenant, "limit=1"));
      assertThat(first.path("entries")).hasSize(1);
      String cursor = first.path("next_cursor").asText();
      // The cursor of one instance's page is followed on the other.
      JsonNode second = ok(ports[1], key, ledger(tenant, "limit=1&cursor=" + cursor));
      assertThat(second.path("entries")).hasSize(1);
      assertThat(second.path("next_cursor").isNull()).isTrue();
      assertThat(List.of(entryId(first), entryId(second)))
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(entryIds(sameOk(ports, key, ledger(tenant, ""))));
      String session = first.path("entries").get(0).path("session_id").asText();
      assertThat(sameOk(ports, key, ledger(tenant, "session=" + session)).path("entries"))
          .hasSize(2);
      assertThat(
              sameOk(ports, key, ledger(tenant, "to=" + encode("2000-01-01T00:00:00Z")))
                  .path("entries"))
          .isEmpty();
      for (int port : ports) {
        assertThat(get(port, key, ledger(tenant, "limit=0")).statusCode()).isEqualTo(400);
        assertThat(get(port, operatorKey, ledger(tenant, "")).statusCode()).isEqualTo(403);
        assertThat(get(port, key, "/v1/nodes").statusCode()).isEqualTo(403);
        for (String other : keyOfTenant.keySet()) {
          if (!other.equals(tenant)) {
            assertThat(get(port, key, ledger(other, "")).statusCode()).isEqualTo(403);
          }
        }
      }
    }
  }

  /**
   * One tenant for each partition of the ledger store, which is partitioned by tenant id with
   * Kafka's default partitioner: each instance owns at least one of the three partitions.
   */
  private static Map<String, String> tenantsInEveryPartition() {
    Map<Integer, String> byPartition = new LinkedHashMap<>();
    for (int i = 0; byPartition.size() < PARTITIONS; i++) {
      String tenant = "tenant-q" + i;
      int partition =
          Utils.toPositive(Utils.murmur2(tenant.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
      byPartition.putIfAbsent(partition, tenant);
    }
    Map<String, String> keys = new LinkedHashMap<>();
    new TreeSet<>(byPartition.values()).forEach(t -> keys.put(t, ApiKeys.newKey()));
    return keys;
  }

  private KrakoSystem start(
      LocalKafkaBroker broker, TopicNames topics, String prefix, ApiKeys keys, int instance)
      throws Exception {
    return KrakoSystem.start(
        new KrakoSystem.Settings(
                broker.bootstrapServers(),
                topics,
                dir.resolve("instance-" + instance),
                prefix,
                1,
                "127.0.0.1",
                0)
            // Each instance its own node ids: shared ones would share claim loops' transactional
            // ids, and the two instances' loops would fence each other.
            .asInstance(instance)
            .withApiKeys(keys));
  }

  /** Two deterministic units, a then b, each billed once when it completes. */
  private static String twoEchoes(String tenant) {
    return "{\"schema_version\":\"1.0\",\"graph_id\":\"g-"
        + tenant
        + "\",\"request_id\":\"req-"
        + tenant
        + "\",\"tenant_id\":\""
        + tenant
        + "\",\"created_at\":\"2026-11-27T00:00:00Z\","
        + "\"budgets\":{\"max_llm_calls\":0,\"max_cpu_units\":10,\"max_tokens\":0,"
        + "\"max_latency_ms\":60000},\"work_units\":["
        + "{\"id\":\"a\",\"type\":\"deterministic\",\"input\":{\"message\":\"a\"},"
        + "\"run\":{\"handler\":\"echo\"}},"
        + "{\"id\":\"b\",\"type\":\"deterministic\",\"dependencies\":[\"a\"],"
        + "\"input\":{\"message\":\"b\"},\"run\":{\"handler\":\"echo\"}}]}";
  }

  private static String ledger(String tenant, String query) {
    return "/v1/tenants/" + tenant + "/ledger" + (query.isEmpty() ? "" : "?" + query);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String entryId(JsonNode page) {
    return page.path("entries").get(0).path("entry_id").asText();
  }

  private static List<String> entryIds(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("entries").forEach(e -> ids.add(e.path("entry_id").asText()));
    return ids;
  }

  /** Both instances answer 200 with the same body. */
  private JsonNode sameOk(int[] ports, String key, String path) throws Exception {
    HttpResponse<String> first = get(ports[0], key, path);
    HttpResponse<String> other = get(ports[1], key, path);
    assertThat(first.statusCode()).as(path + ": " + first.body()).isEqualTo(200);
    assertThat(other.statusCode()).as(path + ": " + other.body()).isEqualTo(200);
    assertThat(other.body()).isEqualTo(first.body());
    return JSON.readTree(first.body());
  }

  private JsonNode ok(int port, String key, String path) throws Exception {
    HttpResponse<String> response = get(port, key, path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> get(int port, String key, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + key)
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
