package dev.krako.worker.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TermsTest {

  @Test
  void termsAreLowerCaseRunsOfLettersAndDigits() {
    assertThat(Terms.of("Wi-Fi, 5GHz! Reset the ROUTER."))
        .containsExactly("wi", "fi", "5ghz", "reset", "the", "router");
  }

  @Test
  void compatibilityFormsAndCombiningMarksStayInOneTerm() {
    // NFKC folds the ligature and the full-width letters; the accent stays with its letter.
    assertThat(Terms.of("\uFB01le \uFF21\uFF22 cafe\u0301"))
        .containsExactly("file", "ab", "caf\u00e9");
  }

  @Test
  void blankTextHasNoTerm() {
    assertThat(Terms.of(" \t-- ")).isEmpty();
  }

  @Test
  void whitespaceTokensCountRunsBetweenAnyUnicodeSpace() {
    assertThat(Terms.whitespaceTokens("")).isZero();
    assertThat(Terms.whitespaceTokens("   ")).isZero();
    assertThat(Terms.whitespaceTokens("reset my password")).isEqualTo(3);
    assertThat(Terms.whitespaceTokens("  a\tb\nc  ")).isEqualTo(3);
    assertThat(Terms.whitespaceTokens("a\u00a0b\u2003c")).isEqualTo(3);
    assertThat(Terms.whitespaceTokens("don't-stop!")).isEqualTo(1);
  }

  @Test
  void codePointOrderPutsCharactersAboveTheBmpLast() {
    List<String> ids = new ArrayList<>(List.of("\uD83D\uDE00", "\uFF5E", "b", "a", "ab", ""));
    ids.sort(CodePointOrder.INSTANCE);
    // String.compareTo would put the emoji (a surrogate pair, 0xD83D...) before U+FF5E.
    assertThat(ids).containsExactly("", "a", "ab", "b", "\uFF5E", "\uD83D\uDE00");
  }

  @Test
  void scoresAreRoundedHalfEvenToFourPlaces() {
    assertThat(Scores.rounded(0.5).toString()).isEqualTo("0.5000");
    assertThat(Scores.rounded(1.23456).toString()).isEqualTo("1.2346");
    assertThat(Scores.rounded(0.00004).toString()).isEqualTo("0.0000");
    assertThat(Scores.rounded(12.0).toString()).isEqualTo("12.0000");
  }
}
