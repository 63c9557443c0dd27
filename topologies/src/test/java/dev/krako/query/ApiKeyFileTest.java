package dev.krako.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file: strict JSON, plain keys or digests, messages that never quote a key. */
final class ApiKeyFileTest {

  private static final String ACME_KEY = QuerySamples.ACME_KEY;
  private static final String BETA_KEY = QuerySamples.BETA_KEY;

  @TempDir Path dir;

  @Test
  void readsPlainKeysAndDigests() throws Exception {
    String betaDigest = HexFormat.of().formatHex(ApiKeys.digest(BETA_KEY));
    Path file = dir.resolve("keys.json");
    Files.writeString(
        file,
        "{\"keys\": [{\"tenant\": \"acme\", \"key\": \""
            + ACME_KEY
            + "\"}, {\"tenant\": \"beta\", \"sha256\": \""
            + betaDigest
            + "\"}]}");

    ApiKeys keys = ApiKeyFile.read(file);

    assertThat(keys.size()).isEqualTo(2);
    assertThat(keys.callerOf(ACME_KEY)).contains(new Caller.Tenant("acme"));
    assertThat(keys.callerOf(BETA_KEY)).contains(new Caller.Tenant("beta"));
  }

  @Test
  void readsOperatorKeysWhichBelongToNoTenant() {
    String opsDigest = HexFormat.of().formatHex(ApiKeys.digest(BETA_KEY));
    ApiKeys keys =
        ApiKeyFile.parse(
            "{\"keys\": [{\"operator\": \"ops-oncall\", \"key\": \""
                + ACME_KEY
                + "\"}, {\"operator\": \"ops-backup\", \"sha256\": \""
                + opsDigest
                + "\"}]}");

    assertThat(keys.callerOf(ACME_KEY)).contains(new Caller.Operator("ops-oncall"));
    assertThat(keys.callerOf(BETA_KEY)).contains(new Caller.Operator("ops-backup"));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                ApiKeyFile.parse(
                    "{\"keys\": [{\"tenant\": \"a\", \"operator\": \"o\", \"key\": \""
                        + ACME_KEY
                        + "\"}]}"))
        .withMessageContaining("exactly one of \"tenant\" and \"operator\"");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                ApiKeyFile.parse(
                    "{\"keys\": [{\"operator\": \" \", \"key\": \"" + ACME_KEY + "\"}]}"))
        .withMessageContaining("no operator name");
  }

  @Test
  void anEmptyListLetsNobodyIn() {
    assertThat(ApiKeyFile.parse("{\"keys\": []}").size()).isZero();
  }

  @Test
  void aFileOfAnotherShapeIsRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> ApiKeyFile.parse("{}"));
    assertThatIllegalArgumentException().isThrownBy(() -> ApiKeyFile.parse("[]"));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                ApiKeyFile.parse(
                    "{\"keys\": [{\"tenant\": \"a\", \"key\": \"" + ACME_KEY + "\", \"x\": 1}]}"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ApiKeyFile.parse("{\"keys\": [{\"tenant\": \"a\"}]}"))
        .withMessageContaining("exactly one of");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                ApiKeyFile.parse(
                    "{\"keys\": [{\"tenant\": \"a\", \"key\": \""
                        + ACME_KEY
                        + "\", \"sha256\": \""
                        + "0".repeat(64)
                        + "\"}]}"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ApiKeyFile.parse("{\"keys\": [{\"key\": \"" + ACME_KEY + "\"}]}"))
        .withMessageContaining("no tenant id");
  }

  @Test
  void brokenJsonIsReportedByPositionWithoutQuotingIt() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ApiKeyFile.parse("{\"keys\": [{\"tenant\": \"a\", \"key\": " + ACME_KEY))
        .withMessageContaining("line 1")
        .withMessageNotContaining(ACME_KEY);
  }

  @Test
  void aShortKeyInAFileNamesTheFileButNotTheKey() throws Exception {
    Path file = dir.resolve("short.json");
    Files.writeString(file, "{\"keys\": [{\"tenant\": \"acme\", \"key\": \"short-secret\"}]}");

    assertThatIllegalArgumentException()
        .isThrownBy(() -> ApiKeyFile.read(file))
        .withMessageContaining(file.toString())
        .withMessageContaining("tenant acme")
        .withMessageNotContaining("short-secret");
  }
}
