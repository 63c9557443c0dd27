package dev.krako.graph;

/**
 * The bounds ingress puts on a submitted document, so that no single record can exhaust memory or
 * stack. Documented in docs/ingress.md.
 *
 * @param maxDocumentBytes larger documents are rejected as {@code TOO_LARGE} before parsing
 * @param maxWorkUnits larger graphs are rejected as {@code TOO_LARGE}
 * @param maxNestingDepth deeper JSON is rejected as {@code TOO_LARGE}
 */
public record IngressLimits(int maxDocumentBytes, int maxWorkUnits, int maxNestingDepth) {

  /** 1 MiB, 1,000 units, 64 levels: far above KORA's real graphs, far below harm. */
  public static IngressLimits defaults() {
    return new IngressLimits(1 << 20, 1_000, 64);
  }
}
