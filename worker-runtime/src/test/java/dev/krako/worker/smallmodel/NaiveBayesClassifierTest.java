package dev.krako.worker.smallmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaiveBayesClassifierTest {

  private static final List<Example> TICKETS =
      List.of(
          new Example("I cannot log in, reset my password", "account"),
          new Example("password expired and login locked", "account"),
          new Example("refund my last invoice", "billing"),
          new Example("the invoice shows a wrong amount, refund please", "billing"),
          new Example("the app crashes when I open settings", "bug"));

  private final NaiveBayesClassifier classifier = NaiveBayesClassifier.train(TICKETS);

  @Test
  void theLabelWhoseExamplesShareTheTextsTermsWins() {
    assertThat(classifier.classify("please reset the password").label()).isEqualTo("account");
    assertThat(classifier.classify("Refund the invoice!").label()).isEqualTo("billing");
    assertThat(classifier.classify("crashes on open").label()).isEqualTo("bug");
  }

  @Test
  void theConfidenceIsThePosteriorRoundedToFourPlaces() {
    // By hand: 2 labels, one example each, vocabulary {a, b}; the text "a".
    // P(x) = 1/2 each; P(a | x) = (1 + 1) / (1 + 2) = 2/3, P(a | y) = (0 + 1) / (1 + 2) = 1/3.
    // Posterior of x = (1/2 * 2/3) / (1/2 * 2/3 + 1/2 * 1/3) = 2/3.
    NaiveBayesClassifier two =
        NaiveBayesClassifier.train(List.of(new Example("a", "x"), new Example("b", "y")));

    Classification answer = two.classify("a");

    assertThat(answer.label()).isEqualTo("x");
    assertThat(answer.confidence()).isEqualTo(new BigDecimal("0.6667"));
  }

  @Test
  void aTieGoesToTheFirstLabelInCodePointOrder() {
    NaiveBayesClassifier tied =
        NaiveBayesClassifier.train(
            List.of(
                new Example("same", "\uD83D\uDE00"),
                new Example("same", "\uFF5E"),
                new Example("same", "b")));

    Classification answer = tied.classify("same");

    assertThat(answer.label()).isEqualTo("b");
    assertThat(answer.confidence()).isEqualTo(new BigDecimal("0.3333"));
  }

  @Test
  void aTextWithNoKnownTermGetsThePriors() {
    Classification answer = classifier.classify("quantum chromodynamics");

    // account and billing have 2 examples each, bug 1: a tie between the first two.
    assertThat(answer.label()).isEqualTo("account");
    assertThat(answer.confidence()).isEqualTo(new BigDecimal("0.4000"));
  }

  @Test
  void oneLabelIsCertain() {
    NaiveBayesClassifier one = NaiveBayesClassifier.train(List.of(new Example("x", "only")));

    assertThat(one.classify("anything").confidence()).isEqualTo(new BigDecimal("1.0000"));
  }

  @Test
  void trainingNeedsAnExample() {
    assertThatThrownBy(() -> NaiveBayesClassifier.train(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
