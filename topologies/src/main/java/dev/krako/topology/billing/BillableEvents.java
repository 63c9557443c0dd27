package dev.krako.topology.billing;

import dev.krako.avro.Event;
import dev.krako.avro.LlmInvocation;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.billing.Billable;
import dev.krako.billing.SourceEvent;
import dev.krako.billing.UnbillableEventException;
import dev.krako.billing.WorkRef;
import dev.krako.events.EventTypes;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what an event of the log bills, if anything: {@code workunit.completed} on a CPU pool (CPU
 * time; each replica of a verified unit, not the orchestrator's verdict) and {@code
 * llm.invocation.completed} (tokens). Every other event bills nothing — failed attempts and failed
 * invocations included. A billable event whose payload or ids are missing throws an {@link
 * UnbillableEventException}, which sends it to the dead-letter topic.
 */
final class BillableEvents {

  private static final Logger LOG = LoggerFactory.getLogger(BillableEvents.class);

  /** The types that can bill anything; billing decodes no other event (EventsOfTypes). */
  static final Set<String> TYPES = Set.of(EventTypes.UNIT_COMPLETED, EventTypes.LLM_COMPLETED);

  private BillableEvents() {}

  static Optional<Billable> of(Event e) {
    if (EventTypes.UNIT_COMPLETED.equals(e.getEventType())) {
      // A verdict repeats its replicas' work, which their own completions bill.
      return e.getVerification() == null ? cpuTime(e) : Optional.empty();
    }
    if (EventTypes.LLM_COMPLETED.equals(e.getEventType())) {
      return Optional.of(tokens(e));
    }
    return Optional.empty();
  }

  private static Optional<Billable> cpuTime(Event e) {
    if (!(e.getPayload() instanceof WorkUnitCompleted completed)) {
      throw unexpectedPayload(e);
    }
    dev.krako.billing.Substrate substrate = LedgerCodec.substrate(completed.getSubstrate());
    if (substrate == dev.krako.billing.Substrate.UNKNOWN) {
      LOG.warn(
          "Session {} unit {} attempt {} completed on a substrate this build does not know;"
              + " its CPU time is not billed (event {}).",
          e.getSessionId(),
          e.getWorkUnitId(),
          e.getAttemptIndex(),
          e.getEventId());
    }
    if (!substrate.billsCpuTime()) {
      return Optional.empty();
    }
    return Optional.of(
        new Billable.CpuTime(
            source(e), work(e), substrate, completed.getUsage().getCpuMs(), e.getReplicaIndex()));
  }

  private static Billable tokens(Event e) {
    if (!(e.getPayload() instanceof LlmInvocation call)) {
      throw unexpectedPayload(e);
    }
    return new Billable.Tokens(
        source(e),
        work(e),
        call.getModel(),
        call.getTier(),
        call.getUsage().getTokensIn(),
        call.getUsage().getTokensOut());
  }

  private static SourceEvent source(Event e) {
    return new SourceEvent(e.getEventId(), e.getEventType(), e.getTimestamp());
  }

  private static WorkRef work(Event e) {
    return new WorkRef(
        e.getTenantId(), e.getGraphId(), e.getSessionId(), e.getWorkUnitId(), e.getAttemptIndex());
  }

  private static UnbillableEventException unexpectedPayload(Event e) {
    String payload = e.getPayload() == null ? "none" : e.getPayload().getClass().getSimpleName();
    return new UnbillableEventException(
        "The " + e.getEventType() + " event " + e.getEventId() + " has a " + payload + " payload.");
  }
}
