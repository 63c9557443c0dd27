package dev.krako.graph;

/** Where a unit's data may go: anywhere Krako runs work, or only to trusted CPU nodes. */
public enum Privacy {
  ALLOW_REMOTE,
  LOCAL_ONLY
}
