package dev.krako.topology.ingress;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.GraphRejected;
import dev.krako.avro.SessionAdmitted;
import dev.krako.events.EventIds;
import dev.krako.topology.TopologyTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Duplicates never make a second session: for any sequence of submissions, re-submissions and
 * re-uses of a request id under another graph id, ingress admits exactly one session per
 * (tenant_id, request_id) and answers every other submission with DUPLICATE_REQUEST naming it.
 */
class IngressDedupeProperties {

  record Submission(String tenant, String request, String graphId) {}

  @Property(tries = 25)
  void exactlyOneSessionPerTenantAndRequest(@ForAll("submissions") List<Submission> submissions)
      throws IOException {
    Path state = Files.createTempDirectory("krako-dedupe-");
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            IngressTopology.build(IngressConfig.defaults(TOPICS, "dedupe-property")),
            TopologyTestSupport.properties("krako-dedupe-property", state),
            T0)) {
      TestInputTopic<String, byte[]> graphs =
          driver.createInputTopic(
              TOPICS.taskGraphs().name(),
              TOPICS.taskGraphs().keySerde().serializer(),
              TOPICS.taskGraphs().valueSerde().serializer());
      submissions.forEach(
          s ->
              graphs.pipeInput(
                  s.graphId(), IngressTopologyTest.chain(s.graphId(), s.tenant(), s.request())));

      List<SessionAdmitted> admitted =
          driver
              .createOutputTopic(
                  TOPICS.admitted().name(),
                  TOPICS.admitted().keySerde().deserializer(),
                  TOPICS.admitted().valueSerde().deserializer())
              .readValuesToList();
      List<GraphRejected> duplicates =
          driver
              .createOutputTopic(
                  TOPICS.rejected().name(),
                  TOPICS.rejected().keySerde().deserializer(),
                  TOPICS.rejected().valueSerde().deserializer())
              .readValuesToList();

      Set<String> distinct = new HashSet<>();
      submissions.forEach(s -> distinct.add(EventIds.sessionId(s.tenant(), s.request())));
      assertThat(admitted)
          .extracting(SessionAdmitted::getSessionId)
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(distinct);
      assertThat(duplicates)
          .hasSize(submissions.size() - distinct.size())
          .allSatisfy(
              d ->
                  assertThat(d.getExistingSessionId())
                      .isEqualTo(EventIds.sessionId(d.getTenantId(), d.getRequestId())));
    }
  }

  @Provide
  Arbitrary<List<Submission>> submissions() {
    Arbitrary<Submission> one =
        Combinators.combine(
                Arbitraries.of("tenant-a", "tenant-b"),
                Arbitraries.integers().between(0, 5).map(i -> "req-" + i),
                Arbitraries.integers().between(0, 3).map(i -> "graph-" + i))
            .as(Submission::new);
    return one.list().ofMinSize(1).ofMaxSize(25);
  }
}
