package dev.krako.worker.smallmodel;

import dev.krako.worker.text.CodePointOrder;
import dev.krako.worker.text.Scores;
import dev.krako.worker.text.Terms;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A multinomial naive Bayes text classifier with add-one (Laplace) smoothing, trained from a unit's
 * examples: a tiny model that runs on a CPU node and gives the same answer on every worker.
 *
 * <p>A label c scores {@code ln P(c) + sum over the text's terms t of ln P(t | c)}, where {@code
 * P(c)} is c's share of the examples and {@code P(t | c) = (count(t, c) + 1) / (terms(c) + |V|)}
 * with V the vocabulary of all examples. Terms outside V are skipped, so a text with no known term
 * gets the priors. The answer is the best-scoring label (ties go to the first label in code-point
 * order) with its posterior probability as the confidence. Terms come from {@link Terms}; sums run
 * in a fixed order with {@link StrictMath}, so the scores are the same bit for bit everywhere.
 */
public final class NaiveBayesClassifier {

  /** Per label, in code-point order: how many examples, term counts and the term total. */
  private final Map<String, LabelCounts> labels;

  private final int examples;
  private final int vocabulary;

  private NaiveBayesClassifier(Map<String, LabelCounts> labels, int examples, int vocabulary) {
    this.labels = labels;
    this.examples = examples;
    this.vocabulary = vocabulary;
  }

  /**
   * Trains a classifier.
   *
   * @throws IllegalArgumentException when there is no example
   */
  public static NaiveBayesClassifier train(List<Example> examples) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("A classifier needs at least one example.");
    }
    Map<String, LabelCounts> labels = new TreeMap<>(CodePointOrder.INSTANCE);
    Set<String> vocabulary = new HashSet<>();
    for (Example example : examples) {
      LabelCounts counts = labels.computeIfAbsent(example.label(), l -> new LabelCounts());
      counts.examples++;
      for (String term : Terms.of(example.text())) {
        counts.terms.merge(term, 1, Integer::sum);
        counts.total++;
        vocabulary.add(term);
      }
    }
    return new NaiveBayesClassifier(labels, examples.size(), vocabulary.size());
  }

  /** The most probable label of {@code text} and its posterior probability. */
  public Classification classify(String text) {
    List<String> terms = Terms.of(text);
    Map<String, Double> scores = new TreeMap<>(CodePointOrder.INSTANCE);
    String best = null;
    for (Map.Entry<String, LabelCounts> label : labels.entrySet()) {
      double score = score(label.getValue(), terms);
      scores.put(label.getKey(), score);
      if (best == null || score > scores.get(best)) {
        best = label.getKey(); // strictly greater: a tie keeps the earlier label
      }
    }
    double bestScore = scores.get(best);
    double sum = 0;
    for (double score : scores.values()) {
      sum += StrictMath.exp(score - bestScore);
    }
    return new Classification(best, Scores.rounded(1 / sum));
  }

  private double score(LabelCounts counts, List<String> terms) {
    double score = StrictMath.log((double) counts.examples / examples);
    double denominator = counts.total + (double) vocabulary;
    for (String term : terms) {
      if (isKnown(term)) {
        score += StrictMath.log((counts.terms.getOrDefault(term, 0) + 1) / denominator);
      }
    }
    return score;
  }

  private boolean isKnown(String term) {
    for (LabelCounts counts : labels.values()) {
      if (counts.terms.containsKey(term)) {
        return true;
      }
    }
    return false;
  }

  /** Training counts of one label; mutated only while training. */
  private static final class LabelCounts {
    private final Map<String, Integer> terms = new HashMap<>();
    private int examples;
    private long total;
  }
}
