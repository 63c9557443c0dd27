package dev.krako.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SoakTableTest {

  private static final SoakRun.Plan PLAN =
      new SoakRun.Plan(2, Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofSeconds(30));

  @Test
  void theSummaryTakesTheLargestStoreUnderLoadAndTheLastSample() {
    String table =
        SoakTable.render(
            PLAN,
            List.of(
                sample(10, true, OptionalLong.of(25)),
                sample(20, true, OptionalLong.of(70)),
                sample(30, false, OptionalLong.of(90)),
                sample(40, false, OptionalLong.empty())));

    assertThat(table)
        .startsWith("Krako soak: 2.0 sessions/s for 20s, session retention 30s")
        .contains("at most 70 entries under load (rate x retention = 60), - at the end.");
    assertThat(table.lines().filter(l -> l.matches("\\s+\\d+s\\s+(on|off)\\s.*")).count())
        .isEqualTo(4);
    assertThat(SoakTable.row(sample(40, false, OptionalLong.empty())).strip())
        .matches("40s\\s+off\\s+40\\s+1\\s+-\\s+3\\s+4");
  }

  private static SoakRun.Sample sample(long seconds, boolean loaded, OptionalLong sessions) {
    return new SoakRun.Sample(
        Duration.ofSeconds(seconds),
        loaded,
        seconds,
        1,
        sessions,
        OptionalLong.of(3),
        OptionalLong.of(4));
  }
}
