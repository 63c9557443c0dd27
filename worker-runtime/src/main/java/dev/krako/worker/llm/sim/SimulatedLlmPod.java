package dev.krako.worker.llm.sim;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIMULATED LLM pod: an HTTP server that speaks the OpenAI chat completions API ({@code POST
 * /v1/chat/completions}) and answers deterministically, without any model. For tests and Krako's
 * {@code dev} mode only.
 *
 * <p>It says what it is everywhere: every response carries {@code X-Krako-Simulator: true}, every
 * answer names the model {@value #MODEL}, and its log lines say "simulated".
 *
 * <p>Answers (see {@link SimulatedAnswer}): a last user message {@code {"task_id", "input":
 * {"question"}}} gets KORA's offline mock answer and token counts exactly, so token billing can be
 * compared with KORA's own runs; any other prompt gets a generic answer. A {@link Script} changes
 * the reply per task id: malformed, low confidence, an HTTP failure, or a slow answer.
 *
 * <p>Bounded: a request body above {@value #MAX_REQUEST_BYTES} bytes is 413, another path 404,
 * another method 405.
 */
public final class SimulatedLlmPod implements AutoCloseable {

  /** The model name of every simulated answer. */
  public static final String MODEL = "krako-simulated-llm";

  /** The response header that marks the simulator. */
  public static final String SIMULATOR_HEADER = "X-Krako-Simulator";

  public static final String PATH = "/v1/chat/completions";
  public static final int MAX_REQUEST_BYTES = 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedLlmPod.class);

  private final HttpServer server;
  private final ExecutorService handlers;
  private final ScheduledExecutorService delays;
  private final ChatCompletionsEndpoint endpoint;
  private final URI baseUrl;

  private SimulatedLlmPod(Builder builder, String host, int port) throws IOException {
    handlers = Executors.newFixedThreadPool(4, daemons("krako-simulated-llm-"));
    delays = Executors.newSingleThreadScheduledExecutor(daemons("krako-simulated-llm-delay-"));
    endpoint = new ChatCompletionsEndpoint(builder.script, builder.apiKey, builder.clock, delays);
    server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.createContext("/", endpoint);
    server.setExecutor(handlers);
    server.start();
    int bound = server.getAddress().getPort();
    baseUrl = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound);
  }

  /** Starts a simulated pod that answers every request validly; port 0 picks a free port. */
  public static SimulatedLlmPod start(String host, int port) {
    return builder().start(host, port);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Where the simulated pod listens, e.g. {@code http://127.0.0.1:41234}. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** How many chat completion requests it has received (whatever it answered). */
  public int requestCount() {
    return endpoint.requestCount();
  }

  @Override
  public void close() {
    server.stop(0);
    delays.shutdownNow();
    handlers.shutdownNow();
    LOG.info("The simulated LLM pod at {} stopped.", baseUrl);
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.getAndIncrement());
      t.setDaemon(true);
      return t;
    };
  }

  /** Options of a simulated pod. */
  public static final class Builder {

    private Script script = Script.allValid();
    private String apiKey;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder script(Script script) {
      this.script = Objects.requireNonNull(script, "script");
      return this;
    }

    /** Requires {@code Authorization: Bearer <key>}; other requests get 401. */
    public Builder requiredApiKey(String key) {
      this.apiKey = key;
      return this;
    }

    /** The clock of the answers' {@code created} field. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public SimulatedLlmPod start(String host, int port) {
      try {
        SimulatedLlmPod pod = new SimulatedLlmPod(this, host, port);
        LOG.info(
            "A simulated LLM pod (a simulator, not a model) listens on {}{}; it answers as model {}.",
            pod.baseUrl,
            PATH,
            MODEL);
        return pod;
      } catch (IOException e) {
        throw new UncheckedIOException(
            "The simulated LLM pod could not listen on " + host + ":" + port, e);
      }
    }
  }

  /**
   * How the simulated pod replies, per task id (the {@code task_id} of a KORA-form request) or by
   * default. Immutable: each method returns a new script.
   */
  public static final class Script {

    private final Map<String, Reply> byTask;
    private final Reply byDefault;

    private Script(Map<String, Reply> byTask, Reply byDefault) {
      this.byTask = Map.copyOf(byTask);
      this.byDefault = byDefault;
    }

    /** Every request gets a valid answer. */
    public static Script allValid() {
      return new Script(Map.of(), Reply.valid());
    }

    public Script forTask(String taskId, Reply reply) {
      Map<String, Reply> copy = new HashMap<>(byTask);
      copy.put(Objects.requireNonNull(taskId, "taskId"), Objects.requireNonNull(reply, "reply"));
      return new Script(copy, byDefault);
    }

    /** The reply of requests whose task id the script does not name (and of generic prompts). */
    public Script byDefault(Reply reply) {
      return new Script(byTask, Objects.requireNonNull(reply, "reply"));
    }

    Reply replyFor(String taskId) {
      return taskId == null ? byDefault : byTask.getOrDefault(taskId, byDefault);
    }
  }

  /** One way to reply. */
  public sealed interface Reply {

    /** The deterministic answer. */
    static Reply valid() {
      return new Valid();
    }

    /** The answer's text, but not as JSON: what a model that ignores its instructions sends. */
    static Reply malformed() {
      return new Malformed();
    }

    /** The valid answer with {@code "confidence": value} added. */
    static Reply lowConfidence(double value) {
      return new LowConfidence(value);
    }

    /** An OpenAI-style error body with this HTTP status and no answer. */
    static Reply fail(int httpStatus) {
      return new Fail(httpStatus);
    }

    /** The valid answer, sent after this delay (without holding a server thread). */
    static Reply slow(Duration delay) {
      return new Slow(delay);
    }

    record Valid() implements Reply {}

    record Malformed() implements Reply {}

    record LowConfidence(double value) implements Reply {}

    record Fail(int httpStatus) implements Reply {

      public Fail {
        if (httpStatus < 400 || httpStatus > 599) {
          throw new IllegalArgumentException("A failure is an HTTP status from 400 to 599.");
        }
      }
    }

    record Slow(Duration delay) implements Reply {

      public Slow {
        if (delay.isNegative()) {
          throw new IllegalArgumentException("A delay cannot be negative.");
        }
      }
    }
  }
}
