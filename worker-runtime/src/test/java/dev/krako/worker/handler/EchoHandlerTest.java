package dev.krako.worker.handler;

import static dev.krako.worker.handler.Invocations.json;
import static dev.krako.worker.handler.Invocations.unit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class EchoHandlerTest {

  private final EchoHandler handler = new EchoHandler();

  @Test
  void echoesTheInputMessageFirst() {
    ObjectNode output =
        handler.handle(
            unit("t1").input("{'message': 'from in'}").args("{'message': 'from args'}").build());

    assertThat(output.toString())
        .isEqualTo("{\"status\":\"ok\",\"task_id\":\"t1\",\"message\":\"from in\"}");
  }

  @Test
  void fallsBackToTheArgumentMessage() {
    ObjectNode output = handler.handle(unit("t1").args("{'message': 'from args'}").build());

    assertThat(output.get("message").asText()).isEqualTo("from args");
  }

  @Test
  void readsANullInputMessageAsAbsent() {
    ObjectNode output =
        handler.handle(
            unit("t1").input("{'message': null}").args("{'message': 'from args'}").build());

    assertThat(output.get("message").asText()).isEqualTo("from args");
  }

  @Test
  void echoesNullWhenThereIsNoMessage() {
    ObjectNode output = handler.handle(unit("t1").build());

    assertThat(output.toString())
        .isEqualTo("{\"status\":\"ok\",\"task_id\":\"t1\",\"message\":null}");
  }

  @Test
  void echoesAStructuredMessageAsACopy() {
    ObjectNode input = (ObjectNode) json("{'message': {'a': [1, 2]}}");

    ObjectNode output = handler.handle(unit("t1").input(input).build());
    ((ObjectNode) output.get("message")).put("a", "changed");

    assertThat(input).isEqualTo(json("{'message': {'a': [1, 2]}}"));
    assertThat(output.get("message")).isEqualTo(json("{'a': 'changed'}"));
  }
}
