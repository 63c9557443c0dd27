package dev.krako.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.krako.avro.NodeHealth;
import dev.krako.avro.NodeHealthUpdated;
import dev.krako.avro.NodeTrust;
import dev.krako.avro.Substrate;
import dev.krako.avro.VerificationMode;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.avro.WorkUnitType;
import dev.krako.events.EventTypes;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.TopicSpec;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import dev.krako.worker.resilience.TrustGate;
import dev.krako.worker.resilience.TrustThresholds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * The trust placement policy against the real broker: records on the trust topic put node A below
 * the threshold with enough evidence. With a trusted peer B, A leaves the dispatch group, B owns
 * every partition and claims every new dispatch, and A reports itself degraded naming its score. A
 * node already untrusted when it starts is ready out of its group. Alone, A keeps its partitions
 * and claims, and warns.
 */
@ExtendWith(KafkaBrokerExtension.class)
class TrustPlacementIT {

  private static final int PARTITIONS = 4;
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final ListAppender<ILoggingEvent> gateLog = new ListAppender<>();

  @BeforeEach
  void listen() {
    gateLog.start();
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(TrustGate.class)).addAppender(gateLog);
  }

  @AfterEach
  void stopListening() {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(TrustGate.class))
        .detachAppender(gateLog);
  }

  @Test
  void anUntrustedNodeLeavesItsGroupAndItsTrustedPeerTakesAllTheWork(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    KrakoTopics topics = topics(broker, names, "trust-leave");
    String group = names.groupId("pool");
    String nodeA = names.groupId("node-a");
    String nodeB = names.groupId("node-b");
    try (WorkerPool a = start(broker, topics, group, nodeA);
        WorkerPool b = start(broker, topics, group, nodeB);
        EventLog log = new EventLog(broker, topics);
        Admin admin = admin(broker)) {
      String groupId =
          new WorkerSettings("x", topics, Substrate.cpu, group, "x", 1, WAIT).groupId();
      await().atMost(WAIT).until(() -> members(admin, groupId).size() == 2);

      // A: 3 completed, 7 failed, 4 ÷ 12 on evidence 10. B: 9 completed, 1 failed.
      publishTrust(broker, topics, trust(nodeA, 3, 7, "0.3333"), trust(nodeB, 9, 1, "0.8333"));

      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                Collection<MemberDescription> members = members(admin, groupId);
                assertThat(members).hasSize(1);
                MemberDescription only = members.iterator().next();
                assertThat(only.clientId()).isEqualTo(nodeB + "-0");
                assertThat(only.assignment().topicPartitions()).hasSize(PARTITIONS);
              });
      await()
          .atMost(WAIT)
          .until(
              () ->
                  log.healthStatuses(nodeA, NodeHealthReporter.REASON_TRUST).contains("degraded"));
      NodeHealthUpdated report =
          log.health(nodeA).stream()
              .filter(h -> h.getDetail().contains("\"reason\":\"trust\""))
              .findFirst()
              .orElseThrow();
      assertThat(report.getDetail())
          .contains("\"standing\":\"out\"")
          .contains("\"score\":\"0.3333\"")
          .contains("\"evidence\":10");
      assertThat(log.healthStatuses(nodeB, NodeHealthReporter.REASON_TRUST)).isEmpty();

      List<String> units = IntStream.range(0, 8).mapToObj(i -> "unit-" + i).toList();
      publishDispatches(broker, topics, units);

      await().atMost(WAIT).until(() -> log.units(EventTypes.UNIT_COMPLETED).size() == units.size());
      assertThat(log.claimers()).containsOnlyKeys(units);
      assertThat(Set.copyOf(log.claimers().values())).containsExactly(nodeB);
    }
  }

  @Test
  void afterItsCoolDownANodeRejoinsOnProbationAndWorksFullyOnceItsScorePassesTheResumeThreshold(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    KrakoTopics topics = topics(broker, names, "trust-back");
    String group = names.groupId("pool");
    String nodeA = names.groupId("node-a");
    String nodeB = names.groupId("node-b");
    TrustThresholds quick = TrustThresholds.DEFAULTS.withCoolDown(Duration.ofSeconds(3));
    try (WorkerPool a = start(broker, topics, group, nodeA, quick);
        WorkerPool b = start(broker, topics, group, nodeB, quick);
        EventLog log = new EventLog(broker, topics);
        Admin admin = admin(broker)) {
      String groupId =
          new WorkerSettings("x", topics, Substrate.cpu, group, "x", 1, WAIT).groupId();
      publishTrust(broker, topics, trust(nodeB, 9, 1, "0.8333"), trust(nodeA, 3, 7, "0.3333"));

      await().atMost(WAIT).until(() -> trustStandings(log, nodeA).contains("out"));
      await().atMost(WAIT).until(() -> trustStandings(log, nodeA).contains("probation"));

      // Successes on probation: 12 completed, 7 failed, 13 ÷ 21 = 0.6190 > 0.6.
      publishTrust(broker, topics, trust(nodeA, 12, 7, "0.6190"));

      await().atMost(WAIT).until(() -> trustStandings(log, nodeA).contains("member"));
      assertThat(trustStandings(log, nodeA)).containsExactly("out", "probation", "member");
      assertThat(log.healthStatuses(nodeA, NodeHealthReporter.REASON_TRUST))
          .containsExactly("degraded", "degraded", "up");
      // Back in the group: once the rebalance is over, each node owns half the partitions.
      await()
          .atMost(WAIT)
          .until(
              () ->
                  members(admin, groupId).stream()
                          .filter(m -> m.assignment().topicPartitions().size() == PARTITIONS / 2)
                          .count()
                      == 2);
      List<String> units = IntStream.range(0, 8).mapToObj(i -> "unit-" + i).toList();
      publishDispatches(broker, topics, units);
      await().atMost(WAIT).until(() -> log.units(EventTypes.UNIT_COMPLETED).size() == units.size());
      assertThat(Set.copyOf(log.claimers().values())).containsExactlyInAnyOrder(nodeA, nodeB);
    }
  }

  /** The standings a node's {@code trust} health reports name, in log order. */
  private static List<String> trustStandings(EventLog log, String node) {
    return log.health(node).stream()
        .map(NodeHealthUpdated::getDetail)
        .filter(d -> d.contains("\"reason\":\"trust\""))
        .map(d -> d.replaceAll(".*\"standing\":\"([a-z]+)\".*", "$1"))
        .toList();
  }

  @Test
  void aNodeUntrustedWhenItStartsIsReadyOutOfItsGroupAndClaimsNothing(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    KrakoTopics topics = topics(broker, names, "trust-start");
    String group = names.groupId("pool");
    String nodeA = names.groupId("node-a");
    String nodeB = names.groupId("node-b");
    try (WorkerPool b = start(broker, topics, group, nodeB);
        EventLog log = new EventLog(broker, topics)) {
      publishTrust(broker, topics, trust(nodeB, 9, 1, "0.8333"), trust(nodeA, 3, 7, "0.3333"));
      try (WorkerPool a = start(broker, topics, group, nodeA)) {
        assertThat(a.running()).isTrue();
        await()
            .atMost(WAIT)
            .until(
                () ->
                    log.healthStatuses(nodeA, NodeHealthReporter.REASON_TRUST)
                        .contains("degraded"));

        List<String> units = IntStream.range(0, 4).mapToObj(i -> "unit-" + i).toList();
        publishDispatches(broker, topics, units);

        await()
            .atMost(WAIT)
            .until(() -> log.units(EventTypes.UNIT_COMPLETED).size() == units.size());
        assertThat(Set.copyOf(log.claimers().values())).containsExactly(nodeB);
        assertThat(a.running()).isTrue();
      }
    }
  }

  @Test
  void theLastTrustedNodeOfItsSubstrateKeepsWorkingAndWarns(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    KrakoTopics topics = topics(broker, names, "trust-last");
    String group = names.groupId("pool");
    String nodeA = names.groupId("node-a");
    try (WorkerPool a = start(broker, topics, group, nodeA);
        EventLog log = new EventLog(broker, topics);
        Admin admin = admin(broker)) {
      String groupId =
          new WorkerSettings("x", topics, Substrate.cpu, group, "x", 1, WAIT).groupId();
      // A stopped peer (down: score 0) does not count.
      publishTrust(
          broker,
          topics,
          trust(nodeA, 3, 7, "0.3333"),
          trust(names.groupId("node-gone"), 9, 1, "0.0000"));

      await()
          .atMost(WAIT)
          .until(
              () ->
                  gateLog.list.stream()
                      .anyMatch(
                          e ->
                              e.getLevel() == Level.WARN
                                  && e.getFormattedMessage().contains(nodeA)
                                  && e.getFormattedMessage().contains("keeps claiming")));
      List<String> units = IntStream.range(0, 4).mapToObj(i -> "unit-" + i).toList();
      publishDispatches(broker, topics, units);

      await().atMost(WAIT).until(() -> log.units(EventTypes.UNIT_COMPLETED).size() == units.size());
      assertThat(Set.copyOf(log.claimers().values())).containsExactly(nodeA);
      assertThat(members(admin, groupId)).hasSize(1);
      assertThat(log.healthStatuses(nodeA, NodeHealthReporter.REASON_TRUST)).isEmpty();
      assertThat(a.running()).isTrue();
    }
  }

  private static KrakoTopics topics(LocalKafkaBroker broker, KafkaTestNames names, String prefix)
      throws Exception {
    TopicNames topicNames = TopicNames.defaults().withPrefix(names.topic(prefix) + ".");
    broker.createTopics(
        List.of(
            TopicSpec.of(topicNames.dispatchCpu(), PARTITIONS),
            TopicSpec.of(topicNames.events(), 1),
            TopicSpec.of(topicNames.reports(), 1),
            TopicSpec.of(topicNames.deadLetter(), 1),
            new TopicSpec(topicNames.nodesTrust(), 1, Map.of("cleanup.policy", "compact"))));
    return new KrakoTopics(topicNames);
  }

  private static WorkerPool start(
      LocalKafkaBroker broker, KrakoTopics topics, String group, String node)
      throws InterruptedException {
    return start(broker, topics, group, node, TrustThresholds.DEFAULTS);
  }

  private static WorkerPool start(
      LocalKafkaBroker broker,
      KrakoTopics topics,
      String group,
      String node,
      TrustThresholds thresholds)
      throws InterruptedException {
    WorkerSettings settings =
        new WorkerSettings(
                broker.bootstrapServers(),
                topics,
                Substrate.cpu,
                group,
                node,
                1,
                Duration.ofMillis(50))
            .withHealthInterval(Duration.ofMillis(500))
            .withTrustPlacement(thresholds);
    return WorkerPool.startCpu(settings, Clock.systemUTC()).awaitReady(WAIT);
  }

  private static NodeTrust trust(String node, long completed, long failed, String score) {
    return NodeTrust.newBuilder()
        .setNodeId(node)
        .setSubstrate(Substrate.cpu)
        .setClaimed(completed + failed)
        .setCompleted(completed)
        .setFailed(failed)
        .setVerificationFailures(0)
        .setGraphFaults(0)
        .setTimeouts(0)
        .setHealth(score.equals("0.0000") ? NodeHealth.down : NodeHealth.up)
        .setHealthTime(Instant.now())
        .setScore(score)
        .setScoreVersion("v2")
        .setLastEventTime(Instant.now())
        .build();
  }

  private static void publishTrust(LocalKafkaBroker broker, KrakoTopics topics, NodeTrust... nodes)
      throws Exception {
    var topic = topics.nodesTrust();
    try (KafkaProducer<String, NodeTrust> producer =
        new KafkaProducer<>(
            producerConfig(broker),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer())) {
      for (NodeTrust node : nodes) {
        producer.send(new ProducerRecord<>(topic.name(), node.getNodeId(), node)).get();
      }
    }
  }

  /** One dispatch per unit, spread over every partition, each its own session. */
  private static void publishDispatches(
      LocalKafkaBroker broker, KrakoTopics topics, List<String> units) throws Exception {
    var topic = topics.dispatch(Substrate.cpu);
    try (KafkaProducer<String, WorkUnitDispatch> producer =
        new KafkaProducer<>(
            producerConfig(broker),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer())) {
      for (int i = 0; i < units.size(); i++) {
        String session = "session-" + i;
        WorkUnitDispatch dispatch =
            WorkUnitDispatch.newBuilder()
                .setSessionId(session)
                .setTenantId("t")
                .setGraphId("g")
                .setWorkUnitId(units.get(i))
                .setAttemptIndex(0)
                .setType(WorkUnitType.deterministic)
                .setSubstrate(Substrate.cpu)
                .setRunJson("{\"handler\":\"echo\"}")
                .setInputJson("{}")
                .setDependencyIds(List.of())
                .setDependencyOutputs(Map.of())
                .setVerificationMode(VerificationMode.none)
                .setDispatchedAt(Instant.EPOCH)
                .build();
        producer.send(new ProducerRecord<>(topic.name(), i % PARTITIONS, session, dispatch)).get();
      }
    }
  }

  private static Map<String, Object> producerConfig(LocalKafkaBroker broker) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        broker.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG,
        "all");
  }

  private static Admin admin(LocalKafkaBroker broker) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  private static Collection<MemberDescription> members(Admin admin, String groupId)
      throws Exception {
    return admin.describeConsumerGroups(List.of(groupId)).all().get().get(groupId).members();
  }
}
