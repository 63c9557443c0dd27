package dev.krako.topology.trust;

import dev.krako.avro.Event;
import dev.krako.avro.Substrate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random event logs about a few nodes, as sessions write them: each session's units claimed,
 * started and completed or failed (with every kind of error code) on random nodes, model calls that
 * succeed, fail or time out, and health reports about the nodes.
 */
final class TrustScenario {

  private static final String[] CPU_NODES = {"cpu-node-1", "cpu-node-2", "trusted-node-1"};
  private static final String POD = "llm-pod-1";
  private static final String[] CODES = {
    "SCHEMA_MISMATCH",
    "DETERMINISTIC_EXEC_FAILED",
    "LLM_RUN_INVALID",
    "OUTPUT_SCHEMA_UNUSABLE",
    "NO_EXECUTOR",
    "RUN_TIMEOUT"
  };
  private static final String[] STATUSES = {"up", "degraded", "down", "rebooting"};

  private TrustScenario() {}

  /** One log per session, each in its own order, and one of health reports (keyed by node). */
  static List<List<Event>> logs(Random r, int sessions) {
    List<List<Event>> logs = new ArrayList<>();
    for (int s = 0; s < sessions; s++) {
      logs.add(session(r, TrustEventLog.session(s)));
    }
    TrustEventLog health = TrustEventLog.log();
    int reports = r.nextInt(6);
    for (int i = 0; i < reports; i++) {
      String node = r.nextInt(4) == 0 ? POD : CPU_NODES[r.nextInt(CPU_NODES.length)];
      // Few distinct times: reports at the same time are common.
      health.health(node, Substrate.cpu, STATUSES[r.nextInt(STATUSES.length)], r.nextInt(50));
    }
    logs.add(health.events());
    return logs;
  }

  private static List<Event> session(Random r, String session) {
    TrustEventLog log = TrustEventLog.log();
    long t = r.nextInt(100);
    int units = 1 + r.nextInt(5);
    for (int u = 0; u < units; u++) {
      String unit = "unit-" + u;
      int attempts = 1 + r.nextInt(3);
      boolean model = r.nextInt(3) == 0;
      for (int a = 0; a < attempts; a++) {
        boolean last = a == attempts - 1;
        if (model) {
          modelAttempt(r, log, session, unit, a, last, t += 3);
        } else {
          cpuAttempt(r, log, session, unit, a, last, t += 3);
        }
      }
    }
    return log.events();
  }

  private static void cpuAttempt(
      Random r, TrustEventLog log, String session, String unit, int a, boolean last, long t) {
    String node = CPU_NODES[r.nextInt(CPU_NODES.length)];
    Substrate pool = node.startsWith("trusted") ? Substrate.cpu_trusted : Substrate.cpu;
    log.claimed(node, pool, session, unit, a, t).started(node, pool, session, unit, a, t);
    if (last && r.nextBoolean()) {
      log.completed(node, pool, session, unit, a, t + 1);
    } else if (r.nextInt(4) > 0) {
      log.failed(node, pool, session, unit, a, CODES[r.nextInt(CODES.length)], t + 1);
    }
    // else: the attempt was abandoned (a run timeout only the orchestrator sees).
  }

  private static void modelAttempt(
      Random r, TrustEventLog log, String session, String unit, int a, boolean last, long t) {
    log.claimed(POD, Substrate.llm_pod, session, unit, a, t);
    int outcome = r.nextInt(3);
    if (outcome == 0 || last) {
      log.modelCall(POD, session, unit, a, 0, null, t)
          .completed(POD, Substrate.llm_pod, session, unit, a, t + 2);
    } else {
      String error = outcome == 1 ? "TIMEOUT: no answer" : "TRANSPORT: connection refused";
      log.modelCall(POD, session, unit, a, 0, error, t)
          .failed(POD, Substrate.llm_pod, session, unit, a, "LLM_CALL_FAILED", t + 2);
    }
  }

  /**
   * The logs interleaved at random, each log's own order kept (one partition per session), with
   * redeliveries injected: a copy of an event somewhere after it in its log.
   */
  static List<Event> interleave(List<List<Event>> logs, Random random, int duplicates) {
    List<List<Event>> queues = new ArrayList<>();
    for (List<Event> log : logs) {
      queues.add(new ArrayList<>(log));
    }
    for (int i = 0; i < duplicates; i++) {
      List<Event> queue = queues.get(random.nextInt(queues.size()));
      if (queue.isEmpty()) {
        continue;
      }
      int original = random.nextInt(queue.size());
      int at = original + 1 + random.nextInt(queue.size() - original);
      queue.add(at, dev.krako.avro.Event.newBuilder(queue.get(original)).build());
    }
    List<Event> merged = new ArrayList<>();
    int[] next = new int[queues.size()];
    int left = queues.stream().mapToInt(List::size).sum();
    while (left > 0) {
      int q = random.nextInt(queues.size());
      if (next[q] < queues.get(q).size()) {
        merged.add(queues.get(q).get(next[q]++));
        left--;
      }
    }
    return merged;
  }
}
