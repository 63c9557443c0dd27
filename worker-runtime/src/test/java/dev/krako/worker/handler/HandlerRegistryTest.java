package dev.krako.worker.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class HandlerRegistryTest {

  @Test
  void koraDefaultsHoldEveryKoraHandler() {
    assertThat(HandlerRegistry.koraDefaults().names())
        .containsExactly(
            "classify_by_rules",
            "classify_simple",
            "echo",
            "flaky_once",
            "parse_request_constraints",
            "quality_gate");
  }

  @Test
  void findsEachHandlerByItsOwnName() {
    HandlerRegistry registry = HandlerRegistry.koraDefaults();

    for (String name : registry.names()) {
      assertThat(registry.find(name)).hasValueSatisfying(h -> assertThat(h.name()).isEqualTo(name));
    }
  }

  @Test
  void findsNothingForAnUnknownOrNullName() {
    assertThat(HandlerRegistry.koraDefaults().find("llm_answer")).isEmpty();
    assertThat(HandlerRegistry.koraDefaults().find(null)).isEmpty();
  }

  @Test
  void withReturnsANewRegistryAndLeavesThisOneAlone() {
    HandlerRegistry defaults = HandlerRegistry.koraDefaults();

    HandlerRegistry extended = defaults.with(new Named("upper"));

    assertThat(extended.find("upper")).isPresent();
    assertThat(extended.names()).hasSize(7);
    assertThat(defaults.find("upper")).isEmpty();
    assertThat(HandlerRegistry.koraDefaults().names()).hasSize(6);
  }

  @Test
  void rejectsADuplicateName() {
    assertThatThrownBy(() -> HandlerRegistry.koraDefaults().with(new Named("echo")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("echo");
  }

  @Test
  void rejectsABlankName() {
    assertThatThrownBy(() -> HandlerRegistry.empty().with(new Named(" ")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HandlerRegistry.empty().with(new Named(null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void exposesUnmodifiableNames() {
    assertThatThrownBy(() -> HandlerRegistry.koraDefaults().names().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(HandlerRegistry.empty().names()).isEmpty();
  }

  /** A handler that only has a name. */
  private record Named(String name) implements DeterministicHandler {
    @Override
    public ObjectNode handle(HandlerInvocation invocation) {
      return OkOutput.forUnit(invocation.workUnitId());
    }
  }
}
