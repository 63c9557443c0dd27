package dev.krako.worker.llm;

import java.util.Objects;

/**
 * Why a chat completion produced no answer.
 *
 * @param httpStatus the pod's HTTP status for {@link Kind#HTTP_STATUS}, else 0
 * @param message a sentence for people; it never holds the API key
 */
public record ChatFailure(Kind kind, int httpStatus, String message) {

  /** The closed set of ways a call fails. */
  public enum Kind {
    /** The pod answered with a status other than 2xx. */
    HTTP_STATUS,
    /** No answer within the request timeout. */
    TIMEOUT,
    /** The pod could not be reached, or the connection broke. */
    TRANSPORT,
    /** A 2xx answer that is not a readable chat completion. */
    INVALID_RESPONSE,
    /**
     * No call was made: the pod's circuit breaker is open ({@link BreakingChatClient}). {@link
     * LlmExecutor} reports it as {@value LlmExecutor#POD_UNAVAILABLE}.
     */
    CIRCUIT_OPEN
  }

  public ChatFailure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  /** One line for an event's {@code error} field, e.g. {@code HTTP_STATUS 500: ...}. */
  public String describe() {
    return kind == Kind.HTTP_STATUS
        ? kind + " " + httpStatus + ": " + message
        : kind + ": " + message;
  }
}
