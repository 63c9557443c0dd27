package dev.krako.session;

/** The three pools a unit can be placed on. */
public enum Substrate {
  /** Untrusted CPU nodes. */
  CPU,
  /** Trusted CPU nodes: the only place for local_only and trusted_node_required units. */
  CPU_TRUSTED,
  /** LLM pods: the only place for llm units. */
  LLM_POD
}
