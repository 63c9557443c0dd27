package dev.krako.cli.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the highest sustained session rate in few steps: doubles the offered rate from {@code
 * startRate} until a step is not sustained, then bisects between the best sustained rate and the
 * lowest unsustained one until they are within {@code precision} of each other. If even the start
 * rate is not sustained, it halves down to {@code startRate / 8}. Pure: the steps run through a
 * {@link Trial}, which the bench backs with the real system and tests with a fake.
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
    double best = 0; // highest sustained rate
    double worst = Double.POSITIVE_INFINITY; // lowest unsustained rate
    double rate = startRate;
    while (steps.size() < maxSteps) {
      StepResult step = trial.run(rate);
      steps.add(step);
      if (rule.sustained(step)) {
        best = Math.max(best, rate);
      } else {
        worst = Math.min(worst, rate);
      }
      if (best > 0 && worst < Double.POSITIVE_INFINITY && (worst - best) / best <= precision) {
        break;
      }
      rate = next(best, worst, rate);
      if (rate < startRate / 8) {
        break; // not even a trickle is sustained: say so rather than search forever
      }
    }
    return new Outcome(best, steps);
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
