package dev.krako.worker.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class Bm25Test {

  private static final List<Passage> FAQ =
      List.of(
          new Passage("pw", "How to reset your password: open settings, choose reset password."),
          new Passage("invoice", "Download an invoice as PDF from the billing page."),
          new Passage("refund", "Refunds reach your card within five days."),
          new Passage("login", "If login fails, reset the password or clear cookies."));

  @Test
  void thePassageThatUsesTheQueryTermsMostRanksFirst() {
    List<RankedPassage> ranked = Bm25.rank(FAQ, "reset password", 3);

    assertThat(ranked).extracting(r -> r.passage().id()).containsExactly("pw", "login");
    assertThat(ranked.get(0).score()).isGreaterThan(ranked.get(1).score());
  }

  @Test
  void scoresAreTheBm25FormulaRoundedToFourPlaces() {
    // Two passages of 2 terms each; "a" occurs once in one of them: N = 2, n = 1, avgdl = 2.
    List<Passage> corpus = List.of(new Passage("1", "a b"), new Passage("2", "c d"));
    double idf = Math.log(1 + (2 - 1 + 0.5) / (1 + 0.5));
    double expected = idf * 1 * (1.2 + 1) / (1 + 1.2);

    RankedPassage only = Bm25.rank(corpus, "a", 3).get(0);

    assertThat(only.score().scale()).isEqualTo(4);
    assertThat(only.score().doubleValue())
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(0.00005));
  }

  @Test
  void equalScoresAreOrderedByIdInCodePointOrder() {
    List<Passage> corpus =
        List.of(
            new Passage("\uD83D\uDE00", "same words"),
            new Passage("b", "same words"),
            new Passage("\uFF5E", "same words"),
            new Passage("a", "same words"));

    assertThat(Bm25.rank(corpus, "words", 4))
        .extracting(r -> r.passage().id())
        .containsExactly("a", "b", "\uFF5E", "\uD83D\uDE00");
  }

  @Test
  void topKBoundsTheResults() {
    assertThat(Bm25.rank(FAQ, "reset password invoice refunds", 2)).hasSize(2);
    assertThat(Bm25.rank(FAQ, "reset password invoice refunds", 10)).hasSize(4);
  }

  @Test
  void passagesWithoutAQueryTermAreLeftOut() {
    assertThat(Bm25.rank(FAQ, "kubernetes", 3)).isEmpty();
  }

  @Test
  void anEmptyQueryOrCorpusFindsNothing() {
    assertThat(Bm25.rank(FAQ, " ?! ", 3)).isEmpty();
    assertThat(Bm25.rank(List.of(), "password", 3)).isEmpty();
    assertThat(Bm25.rank(List.of(new Passage("e", "")), "password", 3)).isEmpty();
  }

  @Test
  void matchingIgnoresCaseAndPunctuation() {
    assertThat(Bm25.rank(FAQ, "PASSWORD?", 1))
        .extracting(r -> r.passage().id())
        .containsExactly("pw");
  }

  @Test
  void topKMustBePositive() {
    assertThatThrownBy(() -> Bm25.rank(FAQ, "x", 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
