package dev.krako.worker.handler;

import java.util.Objects;

/**
 * A deterministic handler's own failure. KORA classifies every such failure as {@value
 * #KORA_ERROR_TYPE}; {@link #code()} says which failure it was, for people and for tests.
 *
 * <p>A handler throws this only for a failure that follows from its invocation (so a retry of the
 * same invocation fails the same way); any other exception is a bug in the handler.
 */
public final class HandlerFailure extends Exception {

  /** The KORA error type of every handler failure. */
  public static final String KORA_ERROR_TYPE = "DETERMINISTIC_EXEC_FAILED";

  /** {@code flaky_once} failing on purpose on the first attempt of its unit. */
  public static final String FLAKY_FIRST_ATTEMPT = "flaky_once_first_attempt";

  /** An argument that has a value the handler cannot use. */
  public static final String INVALID_ARGUMENT = "invalid_argument";

  private static final long serialVersionUID = 1L;

  private final String code;

  /**
   * Creates a failure.
   *
   * @param code a stable snake_case identifier of the failure
   * @param message a sentence for people
   */
  public HandlerFailure(String code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** A stable snake_case identifier of the failure, such as {@value #INVALID_ARGUMENT}. */
  public String code() {
    return code;
  }
}
