package dev.krako.cli.bench;

/**
 * A published session awaiting its result.
 *
 * @param dueNanos when the open-loop schedule had it due: latency is measured from here
 * @param step the step that published it, which records its latency
 */
record Pending(SessionShape shape, long dueNanos, StepRecorder step) {}
