package dev.krako.graph;

import java.util.Optional;

/** The four WorkUnit types of the contract. Krako never changes a unit's type. */
public enum UnitType {
  DETERMINISTIC("deterministic"),
  RETRIEVAL("retrieval"),
  SMALL_MODEL("small_model"),
  LLM("llm");

  private final String wireName;

  UnitType(String wireName) {
    this.wireName = wireName;
  }

  /** The name in TaskGraph JSON and on the wire. */
  public String wireName() {
    return wireName;
  }

  /** The type with this wire name, if it is one of the four. */
  public static Optional<UnitType> fromWireName(String name) {
    for (UnitType type : values()) {
      if (type.wireName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
