package dev.krako.graph;

import java.math.BigDecimal;

/**
 * A session's budgets, as declared by KORA. Krako never raises them.
 *
 * @param maxCostUsd null when the graph declares no cost cap
 */
public record Budgets(
    long maxLlmCalls, long maxCpuUnits, long maxTokens, long maxLatencyMs, BigDecimal maxCostUsd) {}
