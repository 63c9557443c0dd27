package dev.krako.worker.resilience;

import dev.krako.worker.execution.Outcome;
import dev.krako.worker.execution.UnitExecutor;
import dev.krako.worker.execution.UnitTask;
import java.util.List;

/**
 * An executor that depends on downstreams, with their breakers: how the LLM pool's executor tells
 * its worker node which breakers gate its claims and feed its health reports. Execution itself is
 * the delegate's.
 */
public final class GuardedExecutor implements UnitExecutor {

  private final UnitExecutor delegate;
  private final List<DownstreamBreaker> breakers;

  public GuardedExecutor(UnitExecutor delegate, List<DownstreamBreaker> breakers) {
    this.delegate = delegate;
    this.breakers = List.copyOf(breakers);
  }

  /** The breakers of the downstreams this executor calls. */
  public List<DownstreamBreaker> breakers() {
    return breakers;
  }

  @Override
  public Outcome execute(UnitTask task) {
    return delegate.execute(task);
  }
}
