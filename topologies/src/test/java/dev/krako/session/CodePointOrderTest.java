package dev.krako.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Ids sort as KORA's Python executor sorts them: by Unicode code point. */
final class CodePointOrderTest {

  private static final CodePointOrder ORDER = CodePointOrder.INSTANCE;

  @Test
  void aCharacterBeyondTheBmpSortsAfterAPrivateUseCharacter() {
    String privateUse = "\uFFEE"; // U+FFEE
    String beyondBmp = "\uD835\uDD38"; // U+1D538, stored as the surrogates D835 DD38

    assertThat(ORDER.compare(privateUse, beyondBmp)).isNegative();
    assertThat(privateUse.compareTo(beyondBmp)).as("UTF-16 order disagrees").isPositive();
  }

  @Test
  void asciiIdsSortAsStringsDo() {
    List<String> ids = Stream.of("b", "a10", "a2", "A", "_", "a").sorted(ORDER).toList();

    assertThat(ids).containsExactly("A", "_", "a", "a10", "a2", "b");
  }

  @Test
  void aPrefixSortsFirst() {
    assertThat(ORDER.compare("ab", "ab\uD83D\uDE00")).isNegative();
    assertThat(ORDER.compare("ab\uD83D\uDE00", "ab")).isPositive();
  }

  @Test
  void equalIdsCompareEqual() {
    assertThat(ORDER.compare("a\uD83D\uDE00", "a\uD83D\uDE00")).isZero();
    assertThat(ORDER.compare("", "")).isZero();
  }

  @Property
  void theOrderIsTheLexicographicOrderOfCodePoints(
      @ForAll("ids") String a, @ForAll("ids") String b) {
    int expected = Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());

    assertThat(Integer.signum(ORDER.compare(a, b))).isEqualTo(Integer.signum(expected));
    assertThat(Integer.signum(ORDER.compare(b, a))).isEqualTo(-Integer.signum(expected));
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.of(
            "a",
            "b",
            "Z",
            "0",
            "\u00e9",
            "\u4e2d",
            "\uE000",
            "\uFFEE",
            "\uD83D\uDE00",
            "\uD835\uDD38")
        .list()
        .ofMaxSize(4)
        .map(parts -> String.join("", parts));
  }
}
