package dev.krako.worker.handler;

import static dev.krako.worker.handler.Invocations.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SlowEchoHandlerTest {

  private final SlowEchoHandler handler = new SlowEchoHandler();

  @Test
  void answersWhatEchoAnswers() throws HandlerFailure {
    HandlerInvocation invocation =
        unit("t1").input("{'message': 'hi'}").args("{'delay_ms': 1}").build();

    assertThat(handler.handle(invocation).toString())
        .isEqualTo(new EchoHandler().handle(invocation).toString());
  }

  @Test
  void refusesADelayOutOfBounds() {
    assertThatThrownBy(() -> handler.handle(unit("t1").args("{'delay_ms': 60001}").build()))
        .isInstanceOfSatisfying(
            HandlerFailure.class,
            f -> assertThat(f.code()).isEqualTo(HandlerFailure.INVALID_ARGUMENT));
    assertThatThrownBy(() -> handler.handle(unit("t1").args("{'delay_ms': -1}").build()))
        .isInstanceOf(HandlerFailure.class);
  }

  @Test
  void failsWhenItsWorkerInterruptsIt() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> handler.handle(unit("t1").args("{'delay_ms': 5000}").build()))
          .isInstanceOfSatisfying(
              HandlerFailure.class,
              f -> assertThat(f.code()).isEqualTo(SlowEchoHandler.INTERRUPTED));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
