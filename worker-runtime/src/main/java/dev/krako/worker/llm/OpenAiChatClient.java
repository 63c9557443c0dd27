package dev.krako.worker.llm;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Asks an LLM pod for chat completions over the OpenAI-compatible HTTP API (what vLLM, llama.cpp
 * server and hosted providers speak): {@code POST <baseUrl>/v1/chat/completions}.
 *
 * <p>Every way a call can go wrong ends as a {@link ChatResult.Failed} with a {@link
 * ChatFailure.Kind}: a non-2xx status, no answer within the request timeout, a transport error, or
 * a 2xx body that is not a chat completion. Answers larger than {@value #MAX_RESPONSE_BYTES} bytes
 * are refused. The API key goes into the {@code Authorization} header and nowhere else: failure
 * messages have it removed even when a pod echoes it back.
 */
public final class OpenAiChatClient implements ChatClient {

  public static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final LlmPodSettings settings;
  private final HttpClient http;
  private final LongSupplier nanoTime;

  /** A client with its own JDK {@link HttpClient}, timed by {@link System#nanoTime()}. */
  public OpenAiChatClient(LlmPodSettings settings) {
    this(settings, defaultHttpClient(settings), System::nanoTime);
  }

  /**
   * @param nanoTime the clock that measures a call's latency
   */
  public OpenAiChatClient(LlmPodSettings settings, HttpClient http, LongSupplier nanoTime) {
    this.settings = settings;
    this.http = http;
    this.nanoTime = nanoTime;
  }

  /** HTTP/1.1 (no h2c upgrade dance with plain-HTTP pods), connect timeout at most 10 s. */
  public static HttpClient defaultHttpClient(LlmPodSettings settings) {
    Duration connect =
        settings.requestTimeout().compareTo(MAX_CONNECT_TIMEOUT) < 0
            ? settings.requestTimeout()
            : MAX_CONNECT_TIMEOUT;
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connect)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public ChatResult complete(ChatRequest request) {
    long start = nanoTime.getAsLong();
    try {
      HttpResponse<InputStream> response =
          http.send(httpRequest(request), HttpResponse.BodyHandlers.ofInputStream());
      byte[] body = readBounded(response.body());
      int status = response.statusCode();
      if (status < 200 || status > 299) {
        return failed(ChatFailure.Kind.HTTP_STATUS, status, ChatWire.errorExcerpt(body), start);
      }
      return new ChatResult.Answered(ChatWire.response(body, request.model()), since(start));
    } catch (ChatWire.InvalidResponse e) {
      return failed(ChatFailure.Kind.INVALID_RESPONSE, 0, e.getMessage(), start);
    } catch (HttpTimeoutException e) {
      return failed(
          ChatFailure.Kind.TIMEOUT,
          0,
          "no answer within " + settings.requestTimeout().toMillis() + " ms",
          start);
    } catch (IOException e) {
      return failed(ChatFailure.Kind.TRANSPORT, 0, "the pod could not be reached: " + e, start);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(ChatFailure.Kind.TRANSPORT, 0, "the call was interrupted", start);
    } catch (RuntimeException e) {
      return failed(ChatFailure.Kind.TRANSPORT, 0, "the call could not be made: " + e, start);
    }
  }

  private HttpRequest httpRequest(ChatRequest request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(settings.chatCompletionsUri())
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(ChatWire.requestBody(request)));
    if (settings.apiKey() != null) {
      builder.header("Authorization", "Bearer " + settings.apiKey());
    }
    return builder.build();
  }

  private static byte[] readBounded(InputStream body) throws IOException, ChatWire.InvalidResponse {
    try (InputStream in = body) {
      byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
      if (bytes.length > MAX_RESPONSE_BYTES) {
        throw new ChatWire.InvalidResponse(
            "the answer is larger than " + MAX_RESPONSE_BYTES + " bytes");
      }
      return bytes;
    }
  }

  private ChatResult failed(ChatFailure.Kind kind, int status, String message, long start) {
    return new ChatResult.Failed(new ChatFailure(kind, status, redacted(message)), since(start));
  }

  /** A pod may quote the key it was sent (providers do, on a 401): never pass it on. */
  private String redacted(String message) {
    String key = settings.apiKey();
    return key == null ? message : message.replace(key, "[redacted]");
  }

  private long since(long start) {
    return Math.max(0, (nanoTime.getAsLong() - start) / 1_000_000);
  }
}
