package dev.krako.worker.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BreakerSettingsTest {

  @Test
  void theDefaultsAreDocumented() {
    assertThat(BreakerSettings.defaults())
        .isEqualTo(new BreakerSettings(50f, 10, 5, Duration.ofSeconds(30), 1));
  }

  @Test
  void unusableSettingsAreRefused() {
    Duration wait = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new BreakerSettings(0f, 10, 5, wait, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BreakerSettings(101f, 10, 5, wait, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BreakerSettings(50f, 4, 5, wait, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BreakerSettings(50f, 10, 0, wait, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BreakerSettings(50f, 10, 5, Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BreakerSettings(50f, 10, 5, wait, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
