package dev.krako.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The fold of a node's events is the same in any order, and in any split into merged parts:
 * counters are sums, the health, the substrate and the last event time maxima. jqwik prints the
 * seed of a failure.
 */
class NodeTrustStateProperties {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String[] CODES = {
    "SCHEMA_MISMATCH", "LLM_CALL_FAILED", "RUN_TIMEOUT", "LLM_RUN_INVALID", "NO_EXECUTOR"
  };

  @Property(tries = 200)
  void anyOrderOfANodesEventsGivesTheSameState(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int count) {
    Random random = new Random(seed);
    List<NodeEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(randomEvent(random));
    }
    List<NodeEvent> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, random);

    assertThat(fold(shuffled)).isEqualTo(fold(events));
    assertThat(fold(shuffled).score()).isEqualTo(fold(events).score());
  }

  /**
   * What each partition of the event log does (ADR 031): the node's events split any way into
   * parts, each folded on its own, the parts merged in any order, give the state of one fold.
   */
  @Property(tries = 300)
  void foldingAnySplitIntoPartsAndMergingThemGivesTheSameState(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 60) int count,
      @ForAll @IntRange(min = 1, max = 6) int parts) {
    Random random = new Random(seed);
    List<NodeEvent> events = new ArrayList<>();
    List<List<NodeEvent>> split = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      split.add(new ArrayList<>());
    }
    for (int i = 0; i < count; i++) {
      NodeEvent e = randomEvent(random);
      events.add(e);
      split.get(random.nextInt(parts)).add(e);
    }
    List<NodeTrustState> partials = new ArrayList<>();
    for (List<NodeEvent> part : split) {
      partials.add(fold(part));
    }
    Collections.shuffle(partials, random);

    NodeTrustState merged = NodeTrustState.unheardOf("node");
    for (NodeTrustState partial : partials) {
      merged = merged.merge(partial);
    }
    NodeTrustState otherWay = partials.get(0);
    for (NodeTrustState partial : partials.subList(1, partials.size())) {
      otherWay = partial.merge(otherWay);
    }

    assertThat(merged).isEqualTo(fold(events));
    assertThat(otherWay).isEqualTo(fold(events));
  }

  private static NodeTrustState fold(List<NodeEvent> events) {
    NodeTrustState state = NodeTrustState.unheardOf("node");
    for (NodeEvent e : events) {
      state = state.observe(e);
    }
    return state;
  }

  /** Times from a small range, so that ties in event time are common. */
  private static NodeEvent randomEvent(Random r) {
    NodeFact fact =
        switch (r.nextInt(6)) {
          case 0 -> new NodeFact.Claimed();
          case 1 -> new NodeFact.Completed();
          case 2 -> new NodeFact.Failed(CODES[r.nextInt(CODES.length)]);
          case 3 -> new NodeFact.ModelCallFailed(r.nextBoolean());
          case 4 -> new NodeFact.HealthReported(Health.values()[r.nextInt(Health.values().length)]);
          default -> new NodeFact.Agreed();
        };
    Substrate substrate = Substrate.values()[r.nextInt(Substrate.values().length)];
    return new NodeEvent("node", substrate, T0.plusMillis(r.nextInt(10)), fact);
  }
}
