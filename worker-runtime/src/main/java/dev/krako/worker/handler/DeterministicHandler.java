package dev.krako.worker.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One deterministic handler ({@code run.kind: det}, {@code run.spec.handler}), a pure function of
 * its invocation.
 *
 * <p>Contract: the same {@link HandlerInvocation} always yields an equal output (or the same {@link
 * HandlerFailure}), on any worker process and on any replay. A handler reads no clock, no
 * environment, no randomness and no state of its own, and never mutates the invocation's nodes. Its
 * output is a new object that starts with {@code "status": "ok"} and {@code "task_id"}, and shares
 * no node with the invocation, so the caller may keep or change it freely.
 */
public interface DeterministicHandler {

  /** The name a TaskGraph uses in {@code run.spec.handler}; unique within a registry. */
  String name();

  /**
   * Runs the handler.
   *
   * @throws HandlerFailure when the handler itself fails; KORA classifies this as {@value
   *     HandlerFailure#KORA_ERROR_TYPE}
   */
  ObjectNode handle(HandlerInvocation invocation) throws HandlerFailure;
}
