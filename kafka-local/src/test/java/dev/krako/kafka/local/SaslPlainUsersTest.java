package dev.krako.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class SaslPlainUsersTest {

  @Test
  void textFormsNameTheUsersButNeverThePasswords() {
    BrokerSettings settings =
        BrokerSettings.defaults().withSaslPlain(Map.of("bob", "pw-of-bob", "alice", "pw-of-alice"));
    SaslPlainUsers users = settings.saslPlain().orElseThrow();

    assertThat(users).hasToString("SaslPlainUsers[alice, bob]");
    assertThat(settings.toString())
        .contains("alice", "bob")
        .doesNotContain("pw-of-alice", "pw-of-bob");
    assertThat(SaslPlainListener.create(users).toString()).doesNotContain("pw-of");
    assertThat(users.password("alice")).isEqualTo("pw-of-alice");
    assertThatThrownBy(() -> users.password("carol"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("carol")
        .hasMessageNotContaining("pw-of");
  }

  @Test
  void rejectsWhatTheBrokerCouldNotReadAndNamesNoPasswordWhenItDoes() {
    assertThatThrownBy(() -> new SaslPlainUsers(Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SaslPlainUsers(Map.of(SaslPlainUsers.BROKER_USER, "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved");
    for (String name : new String[] {"", "a b", "a=b", "a;b", "a/b", "a\"b", "é"}) {
      assertThatThrownBy(() -> new SaslPlainUsers(Map.of(name, "x")))
          .as("name '%s'", name)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new SaslPlainUsers(Map.of("alice", "")))
        .isInstanceOf(IllegalArgumentException.class);
    for (String password : new String[] {"line\nbreak", "tab\there", "naïve-secret"}) {
      assertThatThrownBy(() -> new SaslPlainUsers(Map.of("alice", password)))
          .as("a password with a character the broker could not read")
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("alice")
          .hasMessageNotContaining(password);
    }
  }
}
