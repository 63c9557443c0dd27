package dev.krako.worker.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlerInvocationTest {

  private static final JsonNode EMPTY = JsonNodeFactory.instance.objectNode();

  @Test
  void freezesItsDependencies() {
    List<String> ids = new ArrayList<>(List.of("a"));
    Map<String, JsonNode> outputs = new HashMap<>(Map.of("a", EMPTY));

    HandlerInvocation invocation = new HandlerInvocation("t", EMPTY, EMPTY, ids, outputs, 0, "s");
    ids.add("b");
    outputs.clear();

    assertThat(invocation.dependencyIds()).containsExactly("a");
    assertThat(invocation.dependencyOutputs()).containsOnlyKeys("a");
  }

  @Test
  void rejectsANegativeAttempt() {
    assertThatThrownBy(() -> new HandlerInvocation("t", EMPTY, EMPTY, List.of(), Map.of(), -1, "s"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsMissingParts() {
    assertThatThrownBy(() -> new HandlerInvocation(null, EMPTY, EMPTY, List.of(), Map.of(), 0, "s"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new HandlerInvocation("t", null, EMPTY, List.of(), Map.of(), 0, "s"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new HandlerInvocation("t", EMPTY, EMPTY, List.of(), Map.of(), 0, null))
        .isInstanceOf(NullPointerException.class);
  }
}
