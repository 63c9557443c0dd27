package dev.krako.worker.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;

/**
 * {@code slow_echo}: Krako's own handler for load and failure tests, not one of KORA's. It answers
 * exactly what {@code echo} answers, after holding its worker for {@code args.delay_ms}
 * milliseconds (an integer from 0 to {@value #MAX_DELAY_MS}; absent means 0).
 *
 * <p>It exists so that a test, or a person trying a deployment, can hold a unit on a worker for a
 * known time: to kill the worker in the middle of it, to load a pool, or to see run timeouts. The
 * output depends only on the invocation, as every handler's does; the delay changes only when it
 * arrives. A worker that interrupts it (a shutdown past its deadline) ends the attempt failed with
 * code {@value #INTERRUPTED}.
 */
public final class SlowEchoHandler implements DeterministicHandler {

  /** The handler's name in {@code run.spec.handler}. */
  public static final String NAME = "slow_echo";

  /** The longest delay: one unit must not hold a worker for longer than a minute. */
  public static final long MAX_DELAY_MS = 60_000;

  /** The failure code of an attempt whose worker interrupted the delay. */
  public static final String INTERRUPTED = "interrupted";

  private final EchoHandler echo = new EchoHandler();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ObjectNode handle(HandlerInvocation invocation) throws HandlerFailure {
    long delay = delayMs(invocation.args());
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HandlerFailure(INTERRUPTED, "The worker interrupted slow_echo's delay.");
    }
    return echo.handle(invocation);
  }

  private static long delayMs(JsonNode args) throws HandlerFailure {
    JsonNode value = JsonField.present(args, "delay_ms").orElse(null);
    if (value == null) {
      return 0;
    }
    BigInteger delay = IntegerArgument.parse("delay_ms", value);
    if (delay.signum() < 0 || delay.compareTo(BigInteger.valueOf(MAX_DELAY_MS)) > 0) {
      throw new HandlerFailure(
          HandlerFailure.INVALID_ARGUMENT,
          "delay_ms must be between 0 and " + MAX_DELAY_MS + ", got " + delay);
    }
    return delay.longValueExact();
  }
}
