package dev.krako.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What KORA's semantics say about one unit.
 *
 * @param status {@code completed}, {@code failed}, {@code skipped} or {@code not_run} (KORA stopped
 *     the graph before reaching it; Krako cancels or skips it)
 * @param attempts attempts KORA makes (0 when not run or skipped)
 * @param maxAttempts the declared cap
 * @param modelCalls model invocations of this unit
 * @param errorCode Krako's code of the last failed attempt ({@code SCHEMA_MISMATCH}, {@code
 *     LLM_CALL_FAILED}, {@code DETERMINISTIC_EXEC_FAILED}), or null
 * @param skipReason Krako's skip reason ({@code skip_if}, {@code activation_not_met}, …), or null
 * @param activationHeld for an escalation step, whether its condition holds; null otherwise
 * @param output the output of a completed unit, or null
 */
public record UnitExpectation(
    String id,
    boolean llm,
    String status,
    int attempts,
    int maxAttempts,
    int modelCalls,
    long tokensIn,
    long tokensOut,
    String errorCode,
    String skipReason,
    Boolean activationHeld,
    JsonNode output) {}
