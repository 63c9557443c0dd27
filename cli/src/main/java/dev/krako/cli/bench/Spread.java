package dev.krako.cli.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.function.ToDoubleFunction;

/**
 * The median and range of one figure over repetitions. NaN values (a figure a repetition could not
 * measure) are left out; with none left every field is NaN.
 *
 * @param n how many repetitions had the figure
 */
record Spread(double median, double min, double max, int n) {

  static Spread of(double... values) {
    double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
    if (v.length == 0) {
      return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    int mid = v.length / 2;
    double median = v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    return new Spread(median, v[0], v[v.length - 1], v.length);
  }

  static <T> Spread of(Collection<T> items, ToDoubleFunction<T> figure) {
    return of(items.stream().mapToDouble(figure).toArray());
  }

  /** (max − min) / median: how much the repetitions disagree; NaN for a median of 0. */
  double relativeRange() {
    return median == 0 ? Double.NaN : (max - min) / median;
  }
}
