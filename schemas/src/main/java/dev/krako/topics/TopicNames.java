package dev.krako.topics;

import java.util.List;

/**
 * The names of Krako's topics. The defaults are the contract's (CONTRACT.md) and the Helm chart's
 * values; every component reads them from configuration, so a deployment or a test may rename them.
 */
public record TopicNames(
    String taskGraphs,
    String rejected,
    String admitted,
    String events,
    String dispatchCpu,
    String dispatchCpuTrusted,
    String dispatchLlm,
    String results,
    String deadLetter,
    String ledger,
    String nodesTrust,
    String admissionCommands,
    String admissionMode,
    String heartbeats,
    String reports) {

  /** The names of CONTRACT.md and ARCHITECTURE.md. */
  public static TopicNames defaults() {
    return new TopicNames(
        "kora.taskgraphs",
        "krako.taskgraphs.rejected",
        "krako.sessions.admitted",
        "krako.events",
        "krako.dispatch.cpu",
        "krako.dispatch.cpu-trusted",
        "krako.dispatch.llm",
        "krako.sessions.results",
        "krako.deadletter",
        "krako.ledger",
        "krako.nodes.trust",
        "krako.admission.commands",
        "krako.admission.mode",
        "krako.heartbeats",
        "krako.reports");
  }

  /** The same names behind a prefix: how tests on one shared broker keep apart. */
  public TopicNames withPrefix(String prefix) {
    return new TopicNames(
        prefix + taskGraphs,
        prefix + rejected,
        prefix + admitted,
        prefix + events,
        prefix + dispatchCpu,
        prefix + dispatchCpuTrusted,
        prefix + dispatchLlm,
        prefix + results,
        prefix + deadLetter,
        prefix + ledger,
        prefix + nodesTrust,
        prefix + admissionCommands,
        prefix + admissionMode,
        prefix + heartbeats,
        prefix + reports);
  }

  /** Every topic, for provisioning. */
  public List<String> all() {
    return List.of(
        taskGraphs,
        rejected,
        admitted,
        events,
        dispatchCpu,
        dispatchCpuTrusted,
        dispatchLlm,
        results,
        deadLetter,
        ledger,
        nodesTrust,
        admissionCommands,
        admissionMode,
        heartbeats,
        reports);
  }
}
