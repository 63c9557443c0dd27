package dev.krako.session;

/** Where an ExecutionSession stands. */
public enum SessionStatus {
  RUNNING,
  COMPLETED,
  FAILED
}
