package dev.krako.topology.orchestration;

import dev.krako.avro.Event;
import dev.krako.avro.SessionAdmitted;
import dev.krako.avro.SessionState;
import dev.krako.avro.WorkUnitHeartbeat;
import dev.krako.session.Decision;
import dev.krako.session.Effect;
import dev.krako.session.Lease;
import dev.krako.session.ReplicaRun;
import dev.krako.session.Session;
import dev.krako.session.SessionDecider;
import dev.krako.session.SessionInput;
import dev.krako.streams.CommitPacer;
import dev.krako.topics.KrakoTopics;
import dev.krako.topology.codec.GraphCodec;
import dev.krako.topology.codec.SessionCodec;
import dev.krako.topology.codec.SessionResults;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's one stateful step: read an input, load the session, {@code decide} (pure),
 * store the next state, and forward the effects to the event, dispatch and result sinks. Keyed by
 * session id, so one session has one writer.
 */
final class OrchestrationProcessor
    implements Processor<String, SpecificRecord, String, SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(OrchestrationProcessor.class);

  private final OrchestrationConfig config;
  private final OrchestratorEvents events;
  private final CommitPacer pacer;
  private final SessionTimerPlan plan;
  private ProcessorContext<String, SpecificRecord> context;
  private SessionCache sessions;
  private SessionTimers timers;
  private SessionLeases leases;
  private SessionEviction eviction;

  OrchestrationProcessor(OrchestrationConfig config, CommitPacer pacer) {
    this.pacer = pacer;
    this.config = config;
    this.events = new OrchestratorEvents(config.instanceId());
    this.plan = new SessionTimerPlan(config);
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    // A new cache, and so an empty one, whenever the task (re)starts: Kafka Streams calls init
    // again
    // on this same processor when it revives a task closed dirty (TaskCorruptedException under
    // exactly-once), after restoring the store from the changelog (ADR 022).
    KeyValueStore<String, SessionState> store =
        context.getStateStore(OrchestrationNames.SESSIONS_STORE);
    this.sessions = new SessionCache(store, config.sessionCacheUnits());
    this.timers = new SessionTimers(context.getStateStore(OrchestrationNames.TIMERS_STORE));
    this.leases = new SessionLeases(context.getStateStore(OrchestrationNames.LEASES_STORE));
    this.eviction = new SessionEviction(sessions, timers, plan, leases);
    rebuildTimers(store, Instant.ofEpochMilli(context.currentSystemTimeMs()));
    context.schedule(
        config.timerScanInterval(), PunctuationType.WALL_CLOCK_TIME, this::fireDueTimers);
  }

  /**
   * Sets every timer and lease again from the task's sessions (docs/adr/027-timers-in-memory.md):
   * they are kept in memory only, and Kafka Streams calls {@code init} whenever the task starts,
   * after restoring the session store, including when it resumes a suspended task whose memory
   * still holds the timers of before: those are dropped first, so that no timer is set twice.
   */
  private void rebuildTimers(KeyValueStore<String, SessionState> store, Instant now) {
    timers.clear();
    leases.clear();
    int count = 0;
    int claimed = 0;
    try (KeyValueIterator<String, SessionState> all = store.all()) {
      while (all.hasNext()) {
        Session s = SessionCodec.toDomain(all.next().value);
        for (SessionTimerPlan.Timer t : plan.timers(s, now)) {
          if (t.kind() == SessionTimers.Kind.LEASE) {
            leases.start(
                new SessionLeases.Holder(s.sessionId(), t.unitId(), t.attempt(), t.replica()),
                new Lease(t.dueAt(), false));
            claimed++;
          }
          timers.schedule(t.dueAt(), s.sessionId(), t.kind(), t.unitId(), t.attempt(), t.replica());
        }
        count++;
      }
    }
    LOG.info(
        "Task {} set the timers of its {} sessions again, with fresh leases for {} claimed"
            + " attempts.",
        context.taskId(),
        count,
        claimed);
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    if (record.value() instanceof WorkUnitHeartbeat beat) {
      // A heartbeat only moves a lease: the session itself is neither read nor written.
      if (beat.getProbe()) {
        probeReturned(holder(beat), Instant.ofEpochMilli(context.currentSystemTimeMs()));
      } else {
        leases.renew(holder(beat), beat.getSentAt(), config.leaseLength());
      }
      return;
    }
    // Dispatches, results and events reach workers and KORA only once committed; a heartbeat
    // only moves a lease, which nobody waits for.
    pacer.recordProcessed(context);
    Optional<SessionInput> input = toInput(record.value());
    if (record.key() == null || input.isEmpty()) {
      return;
    }
    handle(record.key(), input.get());
  }

  /**
   * The task is suspended or closed, cleanly or not: a dirty close may be followed by the store's
   * rollback to its changelog, so nothing decoded is kept past it.
   */
  @Override
  public void close() {
    if (sessions != null) {
      sessions.clear();
    }
  }

  private Optional<SessionInput> toInput(SpecificRecord value) {
    if (value instanceof SessionAdmitted admitted) {
      return Optional.of(
          new SessionInput.Admit(
              admitted.getSessionId(),
              GraphCodec.toDomain(admitted.getGraph()),
              admitted.getAdmittedAt(),
              config.quorumSize()));
    }
    if (value instanceof Event event) {
      return EventInputs.of(event);
    }
    return Optional.empty();
  }

  private void handle(String sessionId, SessionInput input) {
    Optional<Session> state = sessions.get(sessionId);
    endLease(sessionId, input, state);
    Decision decision = SessionDecider.decide(state, input);
    if (decision.next().isEmpty()) {
      LOG.debug(
          "Session {} ignored a {} that no longer applies.",
          sessionId,
          input.getClass().getSimpleName());
      return;
    }
    Session next = decision.next().get();
    sessions.put(sessionId, next);
    decision.effects().forEach(effect -> apply(next, effect, input.at()));
  }

  /**
   * An attempt's (or replica's) outcome ends its lease, whether or not the decider still wants the
   * outcome: its worker is heard from for the last time. Its timer then finds nothing and costs no
   * probe. Except a replica's outcome from a node other than the one holding the replica's claim:
   * that is a run of a dispatch whose transaction aborted (ADR 025), which the decider ignores, and
   * the holder's lease must go on watching the holder.
   */
  private void endLease(String sessionId, SessionInput input, Optional<Session> state) {
    if (input instanceof SessionInput.UnitCompleted c) {
      leases.forget(new SessionLeases.Holder(sessionId, c.unitId(), c.attempt(), null));
    } else if (input instanceof SessionInput.UnitFailed f) {
      leases.forget(new SessionLeases.Holder(sessionId, f.unitId(), f.attempt(), null));
    } else if (input instanceof SessionInput.ReplicaEnded r && !heldByAnother(state, r)) {
      leases.forget(new SessionLeases.Holder(sessionId, r.unitId(), r.attempt(), r.replica()));
    }
  }

  /** Whether the outcome's replica is claimed, in this attempt, by a node other than its own. */
  private static boolean heldByAnother(Optional<Session> state, SessionInput.ReplicaEnded r) {
    return state
        .map(s -> s.unit(r.unitId()))
        .filter(run -> run.attemptIndex() == r.attempt())
        .flatMap(run -> run.replicas().stream().filter(x -> x.index() == r.replica()).findFirst())
        .filter(x -> x.status() == ReplicaRun.Status.CLAIMED && !x.nodeId().equals(r.nodeId()))
        .isPresent();
  }

  private void apply(Session s, Effect effect, Instant at) {
    if (effect instanceof Effect.LeaseStarted started) {
      scheduleRunTimeout(s, started, at);
      Lease lease = Lease.claimedAt(at, config.leaseLength());
      leases.start(
          new SessionLeases.Holder(
              s.sessionId(), started.unitId(), started.attempt(), started.replica()),
          lease);
      timers.schedule(
          lease.expiresAt(),
          s.sessionId(),
          SessionTimers.Kind.LEASE,
          started.unitId(),
          started.attempt(),
          started.replica());
    } else if (effect instanceof Effect.SessionStarted started) {
      emit(s, events.sessionStarted(s, started, at), at);
      LOG.info(
          "Session {} started for graph {} with {} units.",
          s.sessionId(),
          s.graph().graphId(),
          started.unitCount());
      timers.schedule(
          SessionTimerPlan.deadline(s), s.sessionId(), SessionTimers.Kind.DEADLINE, null, 0);
    } else if (effect instanceof Effect.Dispatch d) {
      dispatch(s, d, at);
    } else if (effect instanceof Effect.VerdictReached v) {
      emit(s, events.verdict(s, v, at), at);
      LOG.info(
          "Session {} unit {} attempt {}: verdict {} on its replicas.",
          s.sessionId(),
          v.unitId(),
          v.attempt(),
          v.verdict().getClass().getSimpleName());
    } else if (effect instanceof Effect.RetryScheduled r) {
      emit(s, events.retryScheduled(s, r, at), at);
      if (r.backoffMs() > 0) {
        timers.schedule(
            r.dueAt(), s.sessionId(), SessionTimers.Kind.RETRY, r.unitId(), r.nextAttempt());
      }
    } else if (effect instanceof Effect.UnitSkipped skip) {
      emit(s, events.skipped(s, skip, at), at);
    } else if (effect instanceof Effect.SessionEnded end) {
      leases.forgetSession(s.sessionId()); // e.g. a timed-out attempt's: nobody waits for it now
      emit(s, events.sessionEnded(s, end, at), at);
      context.forward(
          new Record<>(s.sessionId(), SessionResults.of(s), at.toEpochMilli()),
          OrchestrationNames.RESULTS_SINK);
      eviction.scheduleFor(s);
      LOG.info("Session {} ended {} ({}).", s.sessionId(), end.status(), end.reason());
    }
  }

  private void dispatch(Session s, Effect.Dispatch d, Instant at) {
    KrakoTopics topics = config.topics();
    String topic = topics.dispatch(OrchestratorEvents.substrate(d)).name();
    emit(s, events.scheduled(s, d, topic, at), at);
    context.forward(
        new Record<>(s.sessionId(), events.dispatch(s, d, at), at.toEpochMilli()), sinkOf(d));
    if (d.replicaIndex() > 0) {
      return; // an attempt's dispatch timer starts with its first replica and covers them all
    }
    if (d.unit().dispatchTimeoutMs() != null) {
      timers.schedule(
          SessionTimerPlan.dispatchTimeout(d.unit(), at),
          s.sessionId(),
          SessionTimers.Kind.DISPATCH_TIMEOUT,
          d.unit().id(),
          d.attempt());
    }
  }

  /**
   * The run timeout counts from the claim ({@link SessionTimerPlan#runTimeout}). A verified
   * attempt's replicas each start one; the first to fire judges the attempt, and it is the one a
   * restart sets again (from the attempt's claim time, its first replica's).
   */
  private void scheduleRunTimeout(Session s, Effect.LeaseStarted started, Instant claimedAt) {
    timers.schedule(
        plan.runTimeout(s.graph().unit(started.unitId()).orElseThrow(), claimedAt),
        s.sessionId(),
        SessionTimers.Kind.RUN_TIMEOUT,
        started.unitId(),
        started.attempt());
  }

  private static String sinkOf(Effect.Dispatch d) {
    switch (d.substrate()) {
      case CPU_TRUSTED:
        return OrchestrationNames.DISPATCH_CPU_TRUSTED_SINK;
      case LLM_POD:
        return OrchestrationNames.DISPATCH_LLM_SINK;
      case CPU:
      default:
        return OrchestrationNames.DISPATCH_CPU_SINK;
    }
  }

  private void emit(Session s, Event event, Instant at) {
    context.forward(
        new Record<>(s.sessionId(), event, at.toEpochMilli()), OrchestrationNames.EVENTS_SINK);
  }

  private void fireDueTimers(long wallClockMillis) {
    Instant now = Instant.ofEpochMilli(wallClockMillis);
    for (SessionTimers.Due due : timers.due(now, config.timerScanLimit())) {
      timers.remove(due);
      if (due.kind() == SessionTimers.Kind.LEASE) {
        checkLease(due, now);
      } else if (due.kind() == SessionTimers.Kind.EVICT) {
        eviction.evict(due.sessionId());
      } else {
        handle(due.sessionId(), input(due, now));
      }
    }
  }

  /**
   * A lease timer: when heartbeats have extended the lease, the timer is set again for its new
   * expiry. When it has expired, the orchestrator first probes (it may not have heard the worker
   * because it, or the broker, was away); when a probed lease has expired, the lease is forgotten
   * and the attempt's worker is lost.
   */
  private void checkLease(SessionTimers.Due due, Instant now) {
    SessionLeases.Holder holder =
        new SessionLeases.Holder(due.sessionId(), due.unitId(), due.attempt(), due.replica());
    Optional<Lease> lease = leases.find(holder);
    if (lease.isEmpty()) {
      return;
    }
    if (!lease.get().expiredAt(now)) {
      scheduleLeaseTimer(holder, lease.get());
    } else if (!lease.get().probed()) {
      probe(holder, now);
    } else {
      leases.forget(holder);
      LOG.info(
          "Session {} unit {} attempt {}: its worker was not heard within {} after the lease probe"
              + " came back at {}; it is lost.",
          holder.sessionId(),
          holder.unitId(),
          holder.attempt(),
          config.leaseProbeGrace(),
          lease.get().expiresAt().minus(config.leaseProbeGrace()));
      handle(
          due.sessionId(),
          new SessionInput.LeaseExpired(due.unitId(), due.attempt(), due.replica(), now));
    }
  }

  /**
   * Writes a probe to the lease's own heartbeat partition (keyed by its session). It comes back
   * after every heartbeat written before it, and only once the broker takes this task's writes
   * again: a lag, a broker outage or this instance's own pause then cost no live worker its unit.
   * No timer waits meanwhile; {@link #probeReturned} sets the next one.
   */
  private void probe(SessionLeases.Holder holder, Instant now) {
    WorkUnitHeartbeat probe =
        new WorkUnitHeartbeat(
            holder.sessionId(),
            holder.unitId(),
            holder.attempt(),
            holder.replica(),
            config.instanceId(),
            now,
            true);
    context.forward(
        new Record<>(holder.sessionId(), probe, now.toEpochMilli()),
        OrchestrationNames.HEARTBEATS_SINK);
    LOG.debug(
        "Session {} unit {} attempt {}: lease expired at {}; probing before the worker counts as"
            + " lost.",
        holder.sessionId(),
        holder.unitId(),
        holder.attempt(),
        now);
  }

  /**
   * A probe came back: every heartbeat written before it has been applied. A lease renewed since
   * waits for its new expiry; one still expired gets {@link OrchestrationConfig#leaseProbeGrace()}
   * from now, for the worker's next heartbeat.
   */
  private void probeReturned(SessionLeases.Holder holder, Instant now) {
    Optional<Lease> lease = leases.find(holder);
    if (lease.isEmpty() || lease.get().probed()) {
      return; // the attempt has ended, or a grace already runs
    }
    if (!lease.get().expiredAt(now)) {
      scheduleLeaseTimer(holder, lease.get());
      return;
    }
    Lease probed = lease.get().probedAt(now, config.leaseProbeGrace());
    leases.start(holder, probed);
    scheduleLeaseTimer(holder, probed);
  }

  private void scheduleLeaseTimer(SessionLeases.Holder holder, Lease lease) {
    timers.schedule(
        lease.expiresAt(),
        holder.sessionId(),
        SessionTimers.Kind.LEASE,
        holder.unitId(),
        holder.attempt(),
        holder.replica());
  }

  private static SessionLeases.Holder holder(WorkUnitHeartbeat beat) {
    return new SessionLeases.Holder(
        beat.getSessionId(), beat.getWorkUnitId(), beat.getAttemptIndex(), beat.getReplicaIndex());
  }

  private static SessionInput input(SessionTimers.Due due, Instant now) {
    switch (due.kind()) {
      case RETRY:
        return new SessionInput.RetryDue(due.unitId(), due.attempt(), now);
      case DISPATCH_TIMEOUT:
        return new SessionInput.AttemptTimedOut(
            due.unitId(), due.attempt(), SessionDecider.DISPATCH_TIMEOUT, now);
      case RUN_TIMEOUT:
        return new SessionInput.AttemptTimedOut(
            due.unitId(), due.attempt(), SessionDecider.RUN_TIMEOUT, now);
      case LEASE:
        throw new IllegalStateException("A lease timer is checked by checkLease: " + due);
      case EVICT:
        throw new IllegalStateException("An eviction timer is handled by SessionEviction: " + due);
      case DEADLINE:
      default:
        return new SessionInput.DeadlineReached(now);
    }
  }
}
