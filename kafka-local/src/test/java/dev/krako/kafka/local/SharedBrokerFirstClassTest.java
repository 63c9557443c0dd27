package dev.krako.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One of two classes that must get the same broker from the extension: whichever runs second sees
 * the other's instance.
 */
@ExtendWith(KafkaBrokerExtension.class)
final class SharedBrokerFirstClassTest {

  @Test
  void getsTheOneSharedBroker(LocalKafkaBroker broker, KafkaTestNames names) {
    assertThat(SharedBrokerWitness.see(broker)).isEqualTo(1);
    assertThat(broker.isRunning()).isTrue();
    assertThat(names.topic("t")).startsWith("t-SharedBrokerFirstClassTest-getsTheOneSharedBroker-");
  }
}
