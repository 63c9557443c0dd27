package dev.krako.session;

import static dev.krako.session.SessionHarness.T0;
import static dev.krako.session.SessionHarness.dispatched;
import static dev.krako.session.SessionHarness.dispatches;
import static dev.krako.session.SessionHarness.skips;
import static dev.krako.session.UnitSpec.cpu;
import static dev.krako.session.UnitSpec.graph;
import static dev.krako.session.UnitSpec.llm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.krako.graph.GraphParser;
import dev.krako.graph.IngressLimits;
import dev.krako.graph.ParseOutcome;
import dev.krako.graph.Submission;
import dev.krako.graph.TaskGraph;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * KORA 0.1's {@code skip_if} through {@code decide}: a unit is skipped when any direct dependency's
 * output has the top-level key equal to the value (a missing key reads as null); its output is
 * KORA's placeholder, and its dependents still run.
 */
final class SkipIfTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SessionHarness harness = new SessionHarness();

  /** KORA's placeholder, byte for byte as KORA's executor builds it (key order included). */
  private static String placeholder(String unit) {
    return "{\"status\":\"ok\",\"task_id\":\""
        + unit
        + "\",\"skipped\":true,\"message\":\"Skipped due to skip_if condition\"}";
  }

  private static TaskGraph simpleGate() {
    return graph(
        cpu("pre"), llm("task_llm", "pre").skipIf("$.is_simple", "true"), cpu("after", "task_llm"));
  }

  @Test
  void aMatchSkipsTheUnitWithKorasPlaceholderAndItsDependentRunsOnThePlaceholder() {
    harness.admit(simpleGate());

    Decision done = harness.complete("pre", 0, "{\"status\":\"ok\",\"is_simple\":true}");

    assertThat(done.effects()).hasSize(2);
    assertThat(done.effects().get(0))
        .isEqualTo(new Effect.UnitSkipped("task_llm", 0, SkipReason.SKIP_IF));
    Effect.Dispatch after = dispatches(done).get(0);
    assertThat(after.unit().id()).isEqualTo("after");
    assertThat(after.dependencyOutputs()).containsExactly(entry("task_llm"));
    UnitRun skipped = harness.session().unit("task_llm");
    assertThat(skipped.status()).isEqualTo(UnitStatus.SKIPPED);
    assertThat(skipped.skipReason()).isEqualTo(SkipReason.SKIP_IF);
    assertThat(skipped.outputJson()).isEqualTo(placeholder("task_llm"));
    assertThat(skipped.attemptsUsed()).isZero();
    assertThat(skipped.reservedTokens()).isZero();
    assertThat(skipped.usage()).isEqualTo(Usage.NONE);
  }

  private static Map.Entry<String, String> entry(String unit) {
    return Map.entry(unit, placeholder(unit));
  }

  @Test
  void aSkippedFinalUnitEndsTheSessionInSuccessWithThePlaceholderAsItsOutput() {
    harness.admit(graph(cpu("pre"), llm("task_llm", "pre").skipIf("$.is_simple", "true")));

    Decision done = harness.complete("pre", 0, "{\"is_simple\":true}");

    assertThat(done.effects())
        .containsExactly(
            new Effect.UnitSkipped("task_llm", 0, SkipReason.SKIP_IF),
            new Effect.SessionEnded(SessionStatus.COMPLETED, StopReason.SUCCESS, 0));
    assertThat(harness.session().unit("task_llm").outputJson()).isEqualTo(placeholder("task_llm"));
  }

  @Test
  void aSkipIsNotAModelCallAndTakesNoBudget() {
    harness.admit(
        graph(
            UnitSpec.budgets(0, 1, 10),
            cpu("pre"),
            llm("task_llm", "pre").skipIf("$.is_simple", "true")));

    Decision done = harness.complete("pre", 0, "{\"is_simple\":true}", Usage.NONE);

    assertThat(done.effects())
        .containsExactly(
            new Effect.UnitSkipped("task_llm", 0, SkipReason.SKIP_IF),
            new Effect.SessionEnded(SessionStatus.COMPLETED, StopReason.SUCCESS, 0));
  }

  @ParameterizedTest(name = "{0} with equals {1}: skipped {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"is_simple\":true}             | true        | true",
        "{\"is_simple\":false}            | true        | false",
        "{\"status\":\"ok\"}              | true        | false",
        "{\"status\":\"ok\"}              | null        | true",
        "{\"is_simple\":null}             | null        | true",
        "{\"is_simple\":false}            | null        | false",
        "{\"is_simple\":\"true\"}         | true        | false",
        "{\"is_simple\":true}             | \"true\"    | false",
        "{\"is_simple\":\"skip\"}         | \"skip\"    | true",
        "{\"is_simple\":{\"v\":[1,2]}}    | {\"v\":[1,2]} | true",
        "{\"is_simple\":[1,2]}            | [2,1]       | false",
        "{\"nested\":{\"is_simple\":true}} | true       | false",
        "not json                         | null        | true",
        "[true]                           | true        | false"
      })
  void theValueOfTheTopLevelKeyDecides(String preOutput, String equalsJson, boolean skipped) {
    harness.admit(
        graph(cpu("pre"), llm("task_llm", "pre").skipIf("$.is_simple", equalsJson.strip())));

    Decision done = harness.complete("pre", 0, preOutput.strip());

    if (skipped) {
      assertThat(skips(done))
          .containsExactly(new Effect.UnitSkipped("task_llm", 0, SkipReason.SKIP_IF));
      assertThat(dispatched(done)).isEmpty();
    } else {
      assertThat(skips(done)).isEmpty();
      assertThat(dispatched(done)).containsExactly("task_llm");
    }
  }

  @ParameterizedTest(name = "{0} equals {1} in Python: skipped {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1.0   | 1     | true",
        "1     | 1.0   | true",
        "1e2   | 100   | true",
        "0.5   | 0.50  | true",
        "2     | 1     | false",
        "true  | 1     | true",
        "false | 0     | true",
        "[1.0] | [1]   | true",
        "true  | \"1\" | false"
      })
  void valuesCompareAsKorasPythonExecutorComparesThem(
      String actual, String equalsJson, boolean skipped) {
    harness.admit(graph(cpu("pre"), llm("task_llm", "pre").skipIf("$.n", equalsJson.strip())));

    Decision done = harness.complete("pre", 0, "{\"n\":" + actual.strip() + "}");

    assertThat(skips(done)).hasSize(skipped ? 1 : 0);
    assertThat(dispatched(done)).hasSize(skipped ? 0 : 1);
  }

  @Test
  void anyDirectDependencyMatchingIsEnough() {
    harness.admit(
        graph(
            cpu("a"),
            cpu("b"),
            llm("task_llm", "a", "b").skipIf("$.is_simple", "true"),
            cpu("after", "task_llm")));
    assertThat(harness.complete("a", 0, "{\"is_simple\":false}").effects()).isEmpty();

    Decision done = harness.complete("b", 0, "{\"is_simple\":true}");

    assertThat(skips(done))
        .containsExactly(new Effect.UnitSkipped("task_llm", 0, SkipReason.SKIP_IF));
    assertThat(dispatched(done)).containsExactly("after");
  }

  @Test
  void onlyDirectDependenciesAreRead() {
    harness.admit(
        graph(cpu("grand"), cpu("pre", "grand"), llm("task_llm", "pre").skipIf("$.x", "1")));
    harness.complete("grand", 0, "{\"x\":1}");

    assertThat(dispatched(harness.complete("pre", 0, "{\"y\":1}"))).containsExactly("task_llm");
  }

  @Test
  void aUnitWithoutDependenciesIsNeverSkipped() {
    assertThat(dispatched(harness.admit(graph(llm("task_llm").skipIf("$.is_simple", "null")))))
        .containsExactly("task_llm");
  }

  @Test
  void aSkipIfPlaceholderIsReadLikeAnyOutputByTheNextSkipIf() {
    // The placeholder's message is KORA's text, so a later skip_if on message sees it.
    harness.admit(
        graph(
            cpu("pre"),
            llm("one", "pre").skipIf("$.is_simple", "true"),
            llm("two", "one").skipIf("$.skipped", "true"),
            cpu("three", "two")));

    Decision done = harness.complete("pre", 0, "{\"is_simple\":true}");

    assertThat(skips(done))
        .containsExactly(
            new Effect.UnitSkipped("one", 0, SkipReason.SKIP_IF),
            new Effect.UnitSkipped("two", 0, SkipReason.SKIP_IF));
    assertThat(dispatches(done).get(0).dependencyOutputs()).containsExactly(entry("two"));
  }

  @Nested
  final class KorasRealWorkloadEscalationChain {

    private static final String PRE = "{\"status\":\"ok\",\"task_id\":\"pre\",\"is_simple\":%s}";
    private static final String GATE =
        "{\"status\":\"ok\",\"task_id\":\"gate\",\"message\":\"%s\",\"needs_refine\":%s,"
            + "\"reason\":\"%s\"}";

    private TaskGraph chain() {
      return graph(
          cpu("parse"),
          cpu("pre", "parse"),
          llm("mini", "pre").skipIf("$.is_simple", "true").retries(2, 0),
          cpu("gate", "mini"),
          llm("full", "gate").skipIf("$.message", "\"skip_full\"").retries(2, 0));
    }

    private Decision runToGate(boolean simple) {
      harness.admit(chain());
      harness.complete("parse", 0, "{\"status\":\"ok\",\"task_id\":\"parse\"}");
      Decision pre = harness.complete("pre", 0, String.format(PRE, simple));
      if (!simple) {
        assertThat(dispatched(pre)).containsExactly("mini");
        return harness.complete(
            "mini", 0, "{\"status\":\"ok\",\"task_id\":\"mini\",\"slides\":[]}");
      }
      return pre;
    }

    private static String gate(String message) {
      boolean refine = message.equals("run_full");
      return String.format(GATE, message, refine, refine ? "slide_count_mismatch" : "ok");
    }

    @Test
    void simpleRequestSkipsMiniAndTheGateReadsThePlaceholder() {
      Decision pre = runToGate(true);

      assertThat(skips(pre)).containsExactly(new Effect.UnitSkipped("mini", 0, SkipReason.SKIP_IF));
      assertThat(dispatches(pre))
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.unit().id()).isEqualTo("gate");
                assertThat(d.dependencyOutputs()).containsExactly(entry("mini"));
              });
    }

    @ParameterizedTest(name = "is_simple {0}, gate says {1}")
    @CsvSource({"true, run_full", "false, run_full", "true, skip_full", "false, skip_full"})
    void theFullStepRunsExactlyWhenTheGateSaysRunFull(boolean simple, String message) {
      runToGate(simple);

      Decision gate = harness.complete("gate", 0, gate(message));

      if (message.equals("run_full")) {
        assertThat(dispatched(gate)).containsExactly("full");
        assertThat(dispatches(gate).get(0).dependencyOutputs())
            .containsExactly(Map.entry("gate", gate(message)));
        assertThat(harness.complete("full", 0, "{\"answer\":\"x\"}").effects())
            .containsExactly(
                new Effect.SessionEnded(SessionStatus.COMPLETED, StopReason.SUCCESS, 0));
        assertThat(harness.session().unit("full").outputJson()).isEqualTo("{\"answer\":\"x\"}");
      } else {
        assertThat(gate.effects())
            .containsExactly(
                new Effect.UnitSkipped("full", 0, SkipReason.SKIP_IF),
                new Effect.SessionEnded(SessionStatus.COMPLETED, StopReason.SUCCESS, 0));
        assertThat(harness.session().unit("full").outputJson()).isEqualTo(placeholder("full"));
      }
      assertThat(harness.session().unit("mini").status())
          .isEqualTo(simple ? UnitStatus.SKIPPED : UnitStatus.COMPLETED);
      assertThat(harness.session().unit("mini").attemptsUsed()).isEqualTo(simple ? 0 : 1);
    }

    @Test
    void aMiniThatFailsForGoodStopsTheGraphAsKoraDoes() {
      harness.admit(chain());
      harness.complete("parse", 0);
      harness.complete("pre", 0, String.format(PRE, false));
      harness.fail("mini", 0);

      Decision last = harness.fail("mini", 1);

      assertThat(last.effects())
          .containsExactly(
              new Effect.UnitSkipped("gate", 0, SkipReason.SESSION_ENDED),
              new Effect.UnitSkipped("full", 0, SkipReason.SESSION_ENDED),
              new Effect.SessionEnded(SessionStatus.FAILED, StopReason.RETRY_EXHAUSTED, 0));
    }
  }

  @Nested
  final class KorasEscalationSampleAsParsed {

    private static final String SAMPLE = "/kora/v0.1-real-workload-harness-escalation.json";
    private static final Usage MOCK_CALL = new Usage(25, 100, 40, 1);

    private TaskGraph sample() throws IOException {
      try (InputStream in = SkipIfTest.class.getResourceAsStream(SAMPLE)) {
        assertThat(in).as(SAMPLE).isNotNull();
        ParseOutcome outcome =
            new GraphParser(IngressLimits.defaults())
                .parse(in.readAllBytes(), new Submission("tenant-1", "req-1", T0));
        assertThat(outcome).isInstanceOf(ParseOutcome.Accepted.class);
        return ((ParseOutcome.Accepted) outcome).graph();
      }
    }

    private static String classify(boolean simple) {
      return "{\"status\":\"ok\",\"task_id\":\"task_pre\",\"is_simple\":" + simple + "}";
    }

    private static String gate(String message) {
      return "{\"status\":\"ok\",\"task_id\":\"task_quality_gate\",\"message\":\""
          + message
          + "\",\"needs_refine\":"
          + message.equals("run_full")
          + ",\"reason\":\"r\"}";
    }

    /** Runs the sample as KORA's executor would; returns the units dispatched, in order. */
    private List<String> run(boolean simple, String gateMessage) throws IOException {
      List<String> order = new ArrayList<>();
      order.addAll(dispatched(harness.admit(sample())));
      order.addAll(
          dispatched(
              harness.complete("task_parse_constraints", 0, "{\"status\":\"ok\"}", Usage.NONE)));
      order.addAll(dispatched(harness.complete("task_pre", 0, classify(simple), Usage.NONE)));
      if (!simple) {
        order.addAll(
            dispatched(
                harness.complete(
                    "task_llm_mini", 0, "{\"status\":\"ok\",\"slides\":[]}", MOCK_CALL)));
      }
      order.addAll(
          dispatched(harness.complete("task_quality_gate", 0, gate(gateMessage), Usage.NONE)));
      if (gateMessage.equals("run_full")) {
        order.addAll(dispatched(harness.complete("task_llm_full", 0, "{\"answer\":\"a\"}")));
      }
      return order;
    }

    @ParameterizedTest(name = "is_simple {0}, gate says {1}")
    @CsvSource({"true, run_full", "false, run_full", "true, skip_full", "false, skip_full"})
    void eachPathEndsInSuccessRunningWhatKoraWouldRun(boolean simple, String message)
        throws IOException {
      List<String> order = run(simple, message);

      List<String> expected = new ArrayList<>(List.of("task_parse_constraints", "task_pre"));
      if (!simple) {
        expected.add("task_llm_mini");
      }
      expected.add("task_quality_gate");
      if (message.equals("run_full")) {
        expected.add("task_llm_full");
      }
      assertThat(order).containsExactlyElementsOf(expected);
      Session end = harness.session();
      assertThat(end.status()).isEqualTo(SessionStatus.COMPLETED);
      assertThat(end.stopReason()).isEqualTo(StopReason.SUCCESS);
      JsonNode finalOutput = JSON.readTree(end.unit("task_llm_full").outputJson());
      if (message.equals("skip_full")) {
        assertThat(finalOutput).isEqualTo(JSON.readTree(placeholder("task_llm_full")));
      } else {
        assertThat(finalOutput.get("answer").asText()).isEqualTo("a");
      }
    }

    @Test
    void theMiniCallIsGrantedItsDeclaredTokensAndTheFullCallWhatRemains() throws IOException {
      harness.admit(sample());
      harness.complete("task_parse_constraints", 0, "{}", Usage.NONE);

      Effect.Dispatch mini =
          dispatches(harness.complete("task_pre", 0, classify(false), Usage.NONE)).get(0);
      Effect.Dispatch gate =
          dispatches(harness.complete("task_llm_mini", 0, "{\"status\":\"ok\"}", MOCK_CALL)).get(0);
      Effect.Dispatch full =
          dispatches(harness.complete("task_quality_gate", 0, gate("run_full"), Usage.NONE)).get(0);

      assertThat(mini.tokenGrant()).isEqualTo(220L);
      assertThat(gate.tokenGrant()).isNull();
      assertThat(full.unit().id()).isEqualTo("task_llm_full");
      assertThat(full.tokenGrant()).isEqualTo(400L - 140L);
    }
  }
}
