package dev.krako.worker.handler;

import static dev.krako.worker.handler.Invocations.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlakyOnceHandlerTest {

  private final FlakyOnceHandler handler = new FlakyOnceHandler();

  @Test
  void failsOnTheFirstAttempt() {
    assertThatThrownBy(() -> handler.handle(unit("t1").attempt(0).build()))
        .isInstanceOfSatisfying(
            HandlerFailure.class,
            failure -> assertThat(failure.code()).isEqualTo(HandlerFailure.FLAKY_FIRST_ATTEMPT));
  }

  @Test
  void failsOnEveryReplayOfTheFirstAttempt() {
    HandlerInvocation first = unit("t1").attempt(0).build();

    for (int replay = 0; replay < 3; replay++) {
      assertThatThrownBy(() -> handler.handle(first)).isInstanceOf(HandlerFailure.class);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5})
  void recoversOnEveryLaterAttempt(int attempt) throws HandlerFailure {
    assertThat(handler.handle(unit("t1").attempt(attempt).build()).toString())
        .isEqualTo("{\"status\":\"ok\",\"task_id\":\"t1\",\"message\":\"recovered\"}");
  }
}
