package dev.krako.session;

import dev.krako.graph.FailurePolicy;
import dev.krako.graph.WorkUnit;
import dev.krako.session.SessionInput.Admit;
import dev.krako.session.SessionInput.AttemptTimedOut;
import dev.krako.session.SessionInput.DeadlineReached;
import dev.krako.session.SessionInput.LeaseExpired;
import dev.krako.session.SessionInput.ReplicaClaimed;
import dev.krako.session.SessionInput.ReplicaEnded;
import dev.krako.session.SessionInput.RetryDue;
import dev.krako.session.SessionInput.UnitClaimed;
import dev.krako.session.SessionInput.UnitCompleted;
import dev.krako.session.SessionInput.UnitFailed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides, as a pure function, what a session does next: {@code decide(state, input)}. It never
 * invents a step, never exceeds a unit's attempts, and treats every input idempotently: a
 * duplicated or reordered event that no longer matches the current attempt changes nothing.
 */
public final class SessionDecider {

  /** The error code of an attempt not claimed within its dispatch timeout. */
  public static final String DISPATCH_TIMEOUT = "DISPATCH_TIMEOUT";

  /** The error code of an attempt not finished within its run timeout. */
  public static final String RUN_TIMEOUT = "RUN_TIMEOUT";

  /** The error code of an attempt whose worker stopped renewing its lease (it is presumed gone). */
  public static final String WORKER_LOST = "WORKER_LOST";

  private SessionDecider() {}

  public static Decision decide(Optional<Session> state, SessionInput input) {
    if (input instanceof Admit admit) {
      return state.isPresent() ? Decision.unchanged() : admit(admit);
    }
    if (state.isEmpty() || !state.get().running()) {
      return Decision.unchanged();
    }
    Session session = state.get();
    if (input instanceof ReplicaClaimed claimed) {
      List<Effect> effects = new ArrayList<>();
      effects.add(new Effect.LeaseStarted(claimed.unitId(), claimed.attempt(), claimed.replica()));
      return Replication.claimed(session, claimed, effects)
          .map(next -> Decision.of(next, effects))
          .orElseGet(Decision::unchanged);
    }
    if (input instanceof ReplicaEnded ended) {
      return replicaEnded(session, ended);
    }
    if (input instanceof UnitClaimed claimed) {
      return claimed(session, claimed);
    }
    if (input instanceof UnitCompleted completed) {
      return completed(session, completed);
    }
    if (input instanceof UnitFailed failed) {
      return failed(session, failed);
    }
    if (input instanceof AttemptTimedOut timedOut) {
      return timedOut(session, timedOut);
    }
    if (input instanceof LeaseExpired expired) {
      return leaseExpired(session, expired);
    }
    if (input instanceof DeadlineReached deadline) {
      List<Effect> effects = new ArrayList<>();
      return Decision.of(
          Readiness.endFailed(session, StopReason.BUDGET_EXHAUSTED, deadline.at(), effects),
          effects);
    }
    return retryDue(session, (RetryDue) input);
  }

  private static Decision admit(Admit admit) {
    Session session =
        Session.start(admit.sessionId(), admit.graph(), admit.at(), admit.quorumSize());
    List<Effect> effects = new ArrayList<>();
    effects.add(new Effect.SessionStarted(admit.graph().workUnits().size()));
    return Decision.of(Readiness.advance(session, admit.at(), effects), effects);
  }

  /**
   * Records a replica's outcome; once the verdict is due, the verdict is the attempt's outcome: a
   * completion with the majority output, or a failure (retried like any other).
   */
  private static Decision replicaEnded(Session session, ReplicaEnded ended) {
    Optional<Session> recorded = Replication.ended(session, ended);
    if (recorded.isEmpty()) {
      return Decision.unchanged();
    }
    Session next = recorded.get();
    WorkUnit unit = next.graph().unit(ended.unitId()).orElseThrow();
    if (!Replication.verdictDue(next, unit)) {
      List<Effect> effects = new ArrayList<>();
      return Decision.of(Replication.dispatchNext(next, unit, effects), effects);
    }
    UnitRun run = next.unit(unit.id());
    Quorum.Verdict verdict =
        Quorum.judge(unit.verificationMode(), Replication.count(next, unit), run.replicas());
    long duration = Replication.durationMs(run, ended.at());
    Usage used = Replication.usage(run);
    Decision outcome =
        verdict instanceof Quorum.Agreed agreed
            ? completed(
                next,
                new UnitCompleted(
                    unit.id(),
                    ended.attempt(),
                    agreed.nodeId(),
                    agreed.outputJson(),
                    duration,
                    used,
                    ended.at()))
            : failed(
                next,
                new UnitFailed(
                    unit.id(),
                    ended.attempt(),
                    null,
                    ((Quorum.Failed) verdict).errorCode(),
                    duration,
                    used,
                    ended.at()));
    List<Effect> effects = new ArrayList<>();
    effects.add(
        new Effect.VerdictReached(
            unit.id(), ended.attempt(), PlacementPolicy.place(unit), verdict, duration, used));
    effects.addAll(outcome.effects());
    return new Decision(outcome.next(), effects);
  }

  private static Decision claimed(Session session, UnitClaimed claimed) {
    UnitRun run = session.unit(claimed.unitId());
    if (run == null
        || run.status() != UnitStatus.DISPATCHED
        || run.attemptIndex() != claimed.attempt()) {
      return Decision.unchanged();
    }
    return Decision.of(
        session.withUnit(claimed.unitId(), run.claimed(claimed.nodeId(), claimed.at())),
        List.of(new Effect.LeaseStarted(claimed.unitId(), claimed.attempt(), null)));
  }

  private static Decision completed(Session session, UnitCompleted done) {
    UnitRun run = session.unit(done.unitId());
    if (!isCurrentAttempt(run, done.attempt())) {
      return Decision.unchanged();
    }
    UnitRun next =
        run.completed(done.outputJson(), done.nodeId(), done.durationMs(), done.usage(), done.at());
    return settled(session.withUnit(done.unitId(), next), done.at());
  }

  /** After an outcome: stop when real usage went past the token budget, else advance. */
  private static Decision settled(Session next, Instant at) {
    List<Effect> effects = new ArrayList<>();
    if (new BudgetLedger(next).tokensOverspent()
        && next.units().values().stream().anyMatch(r -> !r.status().terminal())) {
      return Decision.of(
          Readiness.endFailed(next, StopReason.BUDGET_EXHAUSTED, at, effects), effects);
    }
    return Decision.of(Readiness.advance(next, at, effects), effects);
  }

  private static Decision timedOut(Session session, AttemptTimedOut timeout) {
    UnitRun run = session.unit(timeout.unitId());
    if (!isCurrentAttempt(run, timeout.attempt())) {
      return Decision.unchanged();
    }
    if (timeout.errorCode().equals(DISPATCH_TIMEOUT) && run.status() != UnitStatus.DISPATCHED) {
      return Decision.unchanged(); // claimed in time: only the run timeout applies now
    }
    long duration = Duration.between(run.dispatchedAt(), timeout.at()).toMillis();
    return failed(
        session,
        new UnitFailed(
            timeout.unitId(),
            timeout.attempt(),
            run.nodeId(),
            timeout.errorCode(),
            duration,
            Replication.usage(run), // what the replicas that ended really used, if any
            timeout.at()));
  }

  /**
   * A lost worker's attempt fails with {@code WORKER_LOST}, as if the worker had reported it; a
   * lost replica fails alone, and the verdict judges it with the others. Only a claimed attempt or
   * replica has a lease: anything else (it has ended, or a newer attempt runs) is stale.
   */
  private static Decision leaseExpired(Session session, LeaseExpired expired) {
    UnitRun run = session.unit(expired.unitId());
    if (!isCurrentAttempt(run, expired.attempt())) {
      return Decision.unchanged();
    }
    long duration = Duration.between(run.dispatchedAt(), expired.at()).toMillis();
    if (expired.replica() != null) {
      // The outcome names the lease holder: a replica's outcome counts only from its claimant.
      return run.replicas().stream()
          .filter(r -> r.index() == expired.replica() && r.status() == ReplicaRun.Status.CLAIMED)
          .findFirst()
          .map(
              lost ->
                  replicaEnded(
                      session,
                      new ReplicaEnded(
                          expired.unitId(),
                          expired.attempt(),
                          expired.replica(),
                          lost.nodeId(),
                          null,
                          WORKER_LOST,
                          duration,
                          Usage.NONE,
                          expired.at())))
          .orElseGet(Decision::unchanged);
    }
    if (run.status() != UnitStatus.RUNNING) {
      return Decision.unchanged();
    }
    return failed(
        session,
        new UnitFailed(
            expired.unitId(),
            expired.attempt(),
            run.nodeId(),
            WORKER_LOST,
            duration,
            Usage.NONE,
            expired.at()));
  }

  private static Decision failed(Session session, UnitFailed failure) {
    UnitRun run = session.unit(failure.unitId());
    if (!isCurrentAttempt(run, failure.attempt())) {
      return Decision.unchanged();
    }
    WorkUnit unit = session.graph().unit(failure.unitId()).orElseThrow();
    List<Effect> effects = new ArrayList<>();
    int nextAttempt = failure.attempt() + 1;
    if (nextAttempt < unit.maxAttempts()) {
      return retry(session, unit, run, failure, nextAttempt, effects);
    }
    UnitRun ended =
        run.failed(
            UnitStatus.FAILED,
            failure.attempt(),
            failure.errorCode(),
            failure.durationMs(),
            failure.usage(),
            failure.at(),
            null);
    Session next = session.withUnit(unit.id(), ended);
    if (session.graph().failurePolicy() == FailurePolicy.FAIL_FAST
        && !Readiness.covered(next, unit.id())) {
      return Decision.of(
          Readiness.endFailed(next, StopReason.RETRY_EXHAUSTED, failure.at(), effects), effects);
    }
    return settled(next, failure.at());
  }

  private static Decision retry(
      Session session,
      WorkUnit unit,
      UnitRun run,
      UnitFailed failure,
      int nextAttempt,
      List<Effect> effects) {
    Instant dueAt = failure.at().plus(Duration.ofMillis(unit.backoffMs()));
    UnitRun waiting =
        run.failed(
            UnitStatus.RETRY_WAIT,
            nextAttempt,
            failure.errorCode(),
            failure.durationMs(),
            failure.usage(),
            failure.at(),
            dueAt);
    Session next = session.withUnit(unit.id(), waiting);
    if (new BudgetLedger(next).tokensOverspent()) {
      // The failed attempt's real usage went past max_tokens: no further attempt may start.
      return Decision.of(
          Readiness.endFailed(next, StopReason.BUDGET_EXHAUSTED, failure.at(), effects), effects);
    }
    effects.add(new Effect.RetryScheduled(unit.id(), nextAttempt, unit.backoffMs(), dueAt));
    if (unit.backoffMs() == 0) {
      return Decision.of(
          Readiness.dispatch(next, unit, nextAttempt, failure.at(), effects), effects);
    }
    return Decision.of(next, effects);
  }

  private static Decision retryDue(Session session, RetryDue due) {
    UnitRun run = session.unit(due.unitId());
    if (run == null
        || run.status() != UnitStatus.RETRY_WAIT
        || run.attemptIndex() != due.attempt()) {
      return Decision.unchanged();
    }
    WorkUnit unit = session.graph().unit(due.unitId()).orElseThrow();
    List<Effect> effects = new ArrayList<>();
    return Decision.of(
        Readiness.dispatch(session, unit, due.attempt(), due.at(), effects), effects);
  }

  private static boolean isCurrentAttempt(UnitRun run, int attempt) {
    return run != null
        && (run.status() == UnitStatus.DISPATCHED || run.status() == UnitStatus.RUNNING)
        && run.attemptIndex() == attempt;
  }
}
