package dev.krako.graph;

/** The format a graph was submitted in; every format is mapped to the canonical 1.x form. */
public enum SourceFormat {
  TASKGRAPH_1X,
  KORA_IR_0_1
}
