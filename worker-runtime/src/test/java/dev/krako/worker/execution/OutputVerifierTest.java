package dev.krako.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutputVerifierTest {

  private static final String KORA_ANSWER =
      "{\"type\":\"object\",\"required\":[\"status\",\"task_id\",\"answer\"],"
          + "\"properties\":{\"answer\":{\"type\":\"string\"}}}";

  private final OutputVerifier verifier = new OutputVerifier();

  @Test
  void anOutputThatMatchesPasses() {
    assertThat(
            verifier.verify("{\"status\":\"ok\",\"task_id\":\"t\",\"answer\":\"a\"}", KORA_ANSWER))
        .isEqualTo(new OutputVerifier.Verdict.Matches());
  }

  @Test
  void aMissingFieldIsAMismatchThatNamesIt() {
    OutputVerifier.Verdict verdict =
        verifier.verify("{\"status\":\"ok\",\"answer\":\"a\"}", KORA_ANSWER);

    assertThat(verdict).isInstanceOf(OutputVerifier.Verdict.Mismatch.class);
    OutputVerifier.Verdict.Mismatch mismatch = (OutputVerifier.Verdict.Mismatch) verdict;
    assertThat(mismatch.total()).isEqualTo(1);
    assertThat(mismatch.messages()).containsExactly("$: required property 'task_id' not found");
  }

  @Test
  void aWrongTypeIsAMismatchAtItsPath() {
    OutputVerifier.Verdict verdict =
        verifier.verify("{\"status\":\"ok\",\"task_id\":\"t\",\"answer\":3}", KORA_ANSWER);

    assertThat(((OutputVerifier.Verdict.Mismatch) verdict).messages())
        .containsExactly("$.answer: integer found, string expected");
  }

  @Test
  void aMismatchKeepsTheFirstFiveMessagesAndTheTotal() {
    String schema = "{\"required\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\"]}";

    OutputVerifier.Verdict.Mismatch mismatch =
        (OutputVerifier.Verdict.Mismatch) verifier.verify("{}", schema);

    assertThat(mismatch.total()).isEqualTo(7);
    assertThat(mismatch.messages()).hasSize(OutputVerifier.MAX_MESSAGES);
  }

  @Test
  void anOutputThatIsNotJsonIsAMismatch() {
    assertThat(verifier.verify("not json", KORA_ANSWER))
        .isEqualTo(new OutputVerifier.Verdict.Mismatch(List.of("$: the output is not JSON"), 1));
  }

  @Test
  void theSchemasOwnDraftIsHonoured() {
    // Draft 7: "dependencies"; 2020-12 would ignore it and pass the output.
    String draft7 =
        "{\"$schema\":\"http://json-schema.org/draft-07/schema#\","
            + "\"dependencies\":{\"a\":[\"b\"]}}";

    assertThat(verifier.verify("{\"a\":1}", draft7))
        .isInstanceOf(OutputVerifier.Verdict.Mismatch.class);
    assertThat(verifier.verify("{\"a\":1,\"b\":2}", draft7))
        .isInstanceOf(OutputVerifier.Verdict.Matches.class);
  }

  @Test
  void anUnreadableSchemaIsUnusable() {
    assertThat(verifier.verify("{}", "{not json"))
        .isInstanceOf(OutputVerifier.Verdict.UnusableSchema.class);
    assertThat(verifier.verify("{}", "[1]"))
        .isInstanceOf(OutputVerifier.Verdict.UnusableSchema.class);
  }

  @Test
  void aRemoteRefIsUnusableAndNeverFetched() throws IOException {
    AtomicInteger fetched = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          fetched.incrementAndGet();
          byte[] body = "{\"type\":\"object\"}".getBytes();
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String schema =
          "{\"$ref\":\"http://127.0.0.1:" + server.getAddress().getPort() + "/evil.json\"}";

      assertThat(verifier.verify("{}", schema))
          .isInstanceOf(OutputVerifier.Verdict.UnusableSchema.class);
      assertThat(fetched).hasValue(0);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void localRefsWork() {
    String schema =
        "{\"$defs\":{\"answer\":{\"type\":\"string\"}},"
            + "\"properties\":{\"answer\":{\"$ref\":\"#/$defs/answer\"}}}";

    assertThat(verifier.verify("{\"answer\":\"a\"}", schema))
        .isInstanceOf(OutputVerifier.Verdict.Matches.class);
    assertThat(verifier.verify("{\"answer\":1}", schema))
        .isInstanceOf(OutputVerifier.Verdict.Mismatch.class);
  }

  @Test
  void twoSchemasWithOneIdAreStillTwoSchemas() {
    String a = "{\"$id\":\"https://kora.example/answer.json\",\"required\":[\"a\"]}";
    String b = "{\"$id\":\"https://kora.example/answer.json\",\"required\":[\"b\"]}";

    assertThat(verifier.verify("{\"a\":1}", a)).isInstanceOf(OutputVerifier.Verdict.Matches.class);
    assertThat(verifier.verify("{\"a\":1}", b)).isInstanceOf(OutputVerifier.Verdict.Mismatch.class);
  }

  @Test
  void concurrentVerificationsAgreeWithASingleOne() {
    OutputVerifier small = new OutputVerifier(2);
    List<String> schemas =
        List.of(KORA_ANSWER, "{\"required\":[\"x\"]}", "{\"type\":\"object\"}", "true");

    List<Boolean> matches =
        IntStream.range(0, 400)
            .parallel()
            .mapToObj(
                i ->
                    small.verify(
                            "{\"status\":\"ok\",\"task_id\":\"t\",\"answer\":\"a\"}",
                            schemas.get(i % 4))
                        instanceof OutputVerifier.Verdict.Matches)
            .toList();

    for (int i = 0; i < matches.size(); i++) {
      assertThat(matches.get(i)).as("schema %d", i % 4).isEqualTo(i % 4 != 1);
    }
  }
}
