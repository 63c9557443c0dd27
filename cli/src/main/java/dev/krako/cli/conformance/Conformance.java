package dev.krako.cli.conformance;

import dev.krako.topics.KrakoTopics;
import dev.krako.worker.llm.sim.SimulatedLlmPod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The harness: the corpus, the simulated pod's script for it, the run against a live Krako and the
 * verdicts. Used by {@code krako conformance} and by ConformanceIT.
 */
public final class Conformance {

  private Conformance() {}

  /** The pod's script: every scripted task id of the corpus, valid answers otherwise. */
  public static SimulatedLlmPod.Script script(List<CorpusGraph> corpus) {
    SimulatedLlmPod.Script script = SimulatedLlmPod.Script.allValid();
    for (CorpusGraph g : corpus) {
      for (Map.Entry<String, PodReply> e : g.replies().entrySet()) {
        script = script.forTask(e.getKey(), e.getValue().toSimulator());
      }
    }
    return script;
  }

  /** Runs the corpus on a live Krako and checks every property of every graph. */
  public static List<Verdict> run(
      String bootstrapServers, KrakoTopics topics, List<CorpusGraph> corpus, Duration timeout)
      throws Exception {
    Map<String, Observed> observed =
        new ConformanceRunner(bootstrapServers, topics).run(corpus, timeout);
    List<Verdict> verdicts = new ArrayList<>();
    for (CorpusGraph g : corpus) {
      verdicts.addAll(
          PropertyChecks.check(g, KoraReference.expect(g), observed.get(g.requestId())));
    }
    return verdicts;
  }
}
