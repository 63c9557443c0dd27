package dev.krako.topology.trust;

/**
 * The key of one partition's totals of a node: {@code <node id>␟<partition>}. A node id may hold
 * any character, the separator too, but the partition is digits only, so the last separator is the
 * one between them and every key parses back to its node and partition.
 */
record PartialKey(String nodeId, int partition) {

  PartialKey {
    if (nodeId == null || nodeId.isEmpty()) {
      throw new IllegalArgumentException("A node's totals name the node.");
    }
    if (partition < 0) {
      throw new IllegalArgumentException("A partition is never negative: " + partition);
    }
  }

  String encode() {
    return nodeId + TrustNames.SEPARATOR + partition;
  }

  /** The prefix of every key of this node's partials (and of nodes whose id extends it). */
  static String prefix(String nodeId) {
    return nodeId + TrustNames.SEPARATOR;
  }

  static PartialKey parse(String key) {
    int at = key.lastIndexOf(TrustNames.SEPARATOR);
    if (at <= 0 || at == key.length() - 1) {
      throw new IllegalArgumentException("Not the key of a node's totals: " + key);
    }
    String digits = key.substring(at + 1);
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        throw new IllegalArgumentException("Not the key of a node's totals: " + key);
      }
    }
    return new PartialKey(key.substring(0, at), Integer.parseInt(digits));
  }
}
