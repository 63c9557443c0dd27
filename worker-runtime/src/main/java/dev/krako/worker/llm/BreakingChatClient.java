package dev.krako.worker.llm;

import dev.krako.worker.resilience.DownstreamBreaker;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A {@link ChatClient} behind the circuit breaker of its pod. While the breaker is open, a call
 * fails at once with {@link ChatFailure.Kind#CIRCUIT_OPEN} and never reaches the pod (the LLM
 * executor reports {@value LlmExecutor#POD_UNAVAILABLE}); the claim gate of the same breaker stops
 * the node from claiming units meanwhile.
 *
 * <p>What counts against the pod: transport errors, timeouts, answers that are not a chat
 * completion, 5xx, and 401, 403, 408 and 429 (the pod refuses every call, or is overloaded). Other
 * 4xx answers are the request's fault, not the pod's, and count as successes: the pod answered.
 */
public final class BreakingChatClient implements ChatClient {

  private final ChatClient delegate;
  private final DownstreamBreaker breaker;

  public BreakingChatClient(ChatClient delegate, DownstreamBreaker breaker) {
    this.delegate = delegate;
    this.breaker = breaker;
  }

  /**
   * The breaker name of the pod at {@code baseUrl}: {@code llm-pod <url>}, without any user info,
   * query or fragment of the URL.
   */
  public static String podName(URI baseUrl) {
    try {
      URI bare =
          new URI(
              baseUrl.getScheme(),
              null,
              baseUrl.getHost(),
              baseUrl.getPort(),
              baseUrl.getPath(),
              null,
              null);
      return "llm-pod " + bare;
    } catch (URISyntaxException e) {
      return "llm-pod " + baseUrl.getScheme() + "://" + baseUrl.getHost();
    }
  }

  @Override
  public ChatResult complete(ChatRequest request) {
    if (!breaker.tryAcquirePermission()) {
      return new ChatResult.Failed(
          new ChatFailure(
              ChatFailure.Kind.CIRCUIT_OPEN,
              0,
              "the circuit breaker of "
                  + breaker.name()
                  + " is "
                  + breaker.state()
                  + ": no call was made"),
          0);
    }
    ChatResult result;
    try {
      result = delegate.complete(request);
    } catch (RuntimeException e) {
      // A client must not throw; if one does, the permission must still be accounted for, or a
      // half-open breaker would wait for its trial for ever.
      result =
          new ChatResult.Failed(
              new ChatFailure(ChatFailure.Kind.TRANSPORT, 0, "the client failed: " + e), 0);
    }
    if (result instanceof ChatResult.Failed failed && countsAgainstPod(failed.failure())) {
      breaker.recordFailure(result.latencyMs(), failed.failure().describe());
    } else {
      breaker.recordSuccess(result.latencyMs());
    }
    return result;
  }

  static boolean countsAgainstPod(ChatFailure failure) {
    return switch (failure.kind()) {
      case TRANSPORT, TIMEOUT, INVALID_RESPONSE -> true;
      case HTTP_STATUS -> {
        int status = failure.httpStatus();
        yield status >= 500 || status == 401 || status == 403 || status == 408 || status == 429;
      }
      case CIRCUIT_OPEN -> false;
    };
  }
}
