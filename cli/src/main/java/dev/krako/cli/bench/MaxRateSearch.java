package dev.krako.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Finds the highest sustained session rate in few steps: doubles the offered rate from {@code
 * startRate} until a step is not sustained, then bisects between the best sustained rate and the
 * lowest unsustained one until they are within {@code precision} of each other. That lowest
 * unsustained rate is then run once more, and believed only if it fails again (a step that ran
 * cold, or next to someone else's build, must not cap the result); if it passes, the search goes on
 * above it. If even the start rate is not sustained, it halves down to {@code startRate / 8}. Pure:
 * the steps run through a {@link Trial}, which the bench backs with the real system and tests with
 * a fake.
 */
final class MaxRateSearch {

  /** Runs one step at an offered rate. */
  @FunctionalInterface
  interface Trial {
    StepResult run(double sessionsPerSecond) throws Exception;
  }

  /**
   * @param maxSustainedRate the highest sustained rate seen, 0 when none was
   * @param steps every step, in the order they ran
   */
  record Outcome(double maxSustainedRate, List<StepResult> steps) {
    Outcome {
      steps = List.copyOf(steps);
    }
  }

  private final double startRate;
  private final int maxSteps;
  private final double precision;
  private final SustainabilityRule rule;

  MaxRateSearch(double startRate, int maxSteps, double precision, SustainabilityRule rule) {
    if (!(startRate > 0) || maxSteps < 1 || !(precision > 0)) {
      throw new IllegalArgumentException(
          "A search needs a positive start rate, steps and precision.");
    }
    this.startRate = startRate;
    this.maxSteps = maxSteps;
    this.precision = precision;
    this.rule = rule;
  }

  Outcome search(Trial trial) throws Exception {
    List<StepResult> steps = new ArrayList<>();
    TreeMap<Double, Integer> failures = new TreeMap<>(); // unsustained rate -> times it failed
    double best = 0; // highest sustained rate
    double rate = startRate;
    while (steps.size() < maxSteps) {
      StepResult step = trial.run(rate);
      steps.add(step);
      if (rule.sustained(step)) {
        best = Math.max(best, rate);
        failures.headMap(rate, true).clear(); // a success outranks older failures at or below it
      } else {
        failures.merge(rate, 1, Integer::sum);
      }
      double worst = failures.isEmpty() ? Double.POSITIVE_INFINITY : failures.firstKey();
      if (best > 0 && worst < Double.POSITIVE_INFINITY && (worst - best) / best <= precision) {
        if (failures.get(worst) == 1) {
          rate = worst; // believe a failure once it repeats: a cold start or a noisy neighbour
          continue; // can fail one step on a shared machine
        }
        break;
      }
      rate = next(best, worst, rate);
      if (rate < startRate / 8) {
        break; // not even a trickle is sustained: say so rather than search forever
      }
    }
    return new Outcome(best, steps);
  }

  /**
   * Holds the search's maximum for as long as a load level runs: short steps let a rate the system
   * cannot keep up pass (a backlog builds up within them; run 2de3 "sustained" 224 sessions/s in a
   * 10 s step and then completed 146-187 of 224 in each 20 s run at that rate). Runs {@code
   * longTrial} at the maximum; while a run is not sustained, offers {@code backoff} times the rate
   * again, at most {@code maxTries} runs in all. The first sustained rate is the maximum; when none
   * is, the best completion rate of these runs, like a search that sustained nothing.
   *
   * @return the confirmed maximum, with the confirmation runs after the search's steps
   */
  Outcome confirm(Outcome searched, Trial longTrial, int maxTries, double backoff)
      throws Exception {
    if (!(searched.maxSustainedRate() > 0) || maxTries < 1 || !(backoff > 0 && backoff < 1)) {
      return searched;
    }
    List<StepResult> steps = new ArrayList<>(searched.steps());
    double rate = searched.maxSustainedRate();
    double bestDone = 0;
    for (int i = 0; i < maxTries; i++, rate *= backoff) {
      StepResult step = longTrial.run(rate);
      steps.add(step);
      if (rule.sustained(step)) {
        return new Outcome(rate, steps);
      }
      bestDone = Math.max(bestDone, step.sessionsPerSec());
    }
    return new Outcome(bestDone, steps);
  }

  private static double next(double best, double worst, double rate) {
    if (worst == Double.POSITIVE_INFINITY) {
      return rate * 2;
    }
    if (best == 0) {
      return rate / 2;
    }
    return (best + worst) / 2;
  }
}
