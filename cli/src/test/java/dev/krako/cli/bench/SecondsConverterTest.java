package dev.krako.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SecondsConverterTest {

  private final SecondsConverter converter = new SecondsConverter();

  @Test
  void readsSecondsMillisecondsMinutesAndIso() {
    assertThat(converter.convert("20")).isEqualTo(Duration.ofSeconds(20));
    assertThat(converter.convert("20s")).isEqualTo(Duration.ofSeconds(20));
    assertThat(converter.convert("1.5s")).isEqualTo(Duration.ofMillis(1_500));
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(converter.convert("PT3S")).isEqualTo(Duration.ofSeconds(3));
    assertThat(converter.convert("0")).isZero();
  }

  @Test
  void rejectsWhatIsNotADuration() {
    assertThatThrownBy(() -> converter.convert("soon"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("20s");
  }
}
