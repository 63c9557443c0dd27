package dev.krako.worker.retrieval;

import dev.krako.worker.text.CodePointOrder;
import dev.krako.worker.text.Scores;
import dev.krako.worker.text.Terms;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Okapi BM25 over a small in-memory corpus: a pure function of the corpus, the query and {@code
 * topK}.
 *
 * <p>For each distinct query term t (in the order of first occurrence), a passage d scores {@code
 * idf(t) * f * (k1 + 1) / (f + k1 * (1 - b + b * |d| / avgdl))}, where f is how often t occurs in
 * d, {@code |d|} is d's term count, avgdl the corpus's mean term count, and {@code idf(t) = ln(1 +
 * (N - n + 0.5) / (n + 0.5))} (N passages, n of them containing t; this idf is never negative). A
 * passage's score is the sum over the query terms, with {@code k1 = 1.2} and {@code b = 0.75}.
 *
 * <p>Only passages that contain a query term are ranked. Scores are computed with {@link
 * StrictMath} and rounded to {@value Scores#SCALE} places before ranking, so the order matches the
 * scores shown: higher score first, then id in code-point order.
 */
public final class Bm25 {

  static final double K1 = 1.2;
  static final double B = 0.75;

  private static final Comparator<RankedPassage> RANKING =
      Comparator.comparing(RankedPassage::score)
          .reversed()
          .thenComparing(r -> r.passage().id(), CodePointOrder.INSTANCE);

  private Bm25() {}

  /** The {@code topK} best passages of {@code corpus} for {@code query}, best first. */
  public static List<RankedPassage> rank(List<Passage> corpus, String query, int topK) {
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be at least 1");
    }
    Set<String> queryTerms = new LinkedHashSet<>(Terms.of(query));
    List<Map<String, Integer>> frequencies = new ArrayList<>();
    long totalTerms = 0;
    for (Passage passage : corpus) {
      Map<String, Integer> counts = new HashMap<>();
      List<String> terms = Terms.of(passage.text());
      terms.forEach(t -> counts.merge(t, 1, Integer::sum));
      frequencies.add(counts);
      totalTerms += terms.size();
    }
    if (queryTerms.isEmpty() || totalTerms == 0) {
      return List.of();
    }
    double avgdl = (double) totalTerms / corpus.size();
    Map<String, Double> idf = idf(queryTerms, frequencies);
    List<RankedPassage> ranked = new ArrayList<>();
    for (int i = 0; i < corpus.size(); i++) {
      Map<String, Integer> counts = frequencies.get(i);
      int length = counts.values().stream().mapToInt(Integer::intValue).sum();
      double score = 0;
      boolean matched = false;
      for (String term : queryTerms) {
        int f = counts.getOrDefault(term, 0);
        if (f > 0) {
          matched = true;
          double norm = K1 * (1 - B + B * length / avgdl);
          score += idf.get(term) * f * (K1 + 1) / (f + norm);
        }
      }
      if (matched) {
        ranked.add(new RankedPassage(corpus.get(i), Scores.rounded(score)));
      }
    }
    ranked.sort(RANKING);
    return List.copyOf(ranked.subList(0, Math.min(topK, ranked.size())));
  }

  private static Map<String, Double> idf(
      Set<String> queryTerms, List<Map<String, Integer>> frequencies) {
    Map<String, Double> idf = new HashMap<>();
    int n = frequencies.size();
    for (String term : queryTerms) {
      long containing = frequencies.stream().filter(c -> c.containsKey(term)).count();
      idf.put(term, StrictMath.log(1 + (n - containing + 0.5) / (containing + 0.5)));
    }
    return idf;
  }
}
