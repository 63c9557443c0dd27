package dev.krako.graph;

/** Advisory priority of a unit. */
public enum Criticality {
  LOW,
  NORMAL,
  HIGH
}
