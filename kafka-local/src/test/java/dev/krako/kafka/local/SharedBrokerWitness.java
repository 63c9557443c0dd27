package dev.krako.kafka.local;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** Records, across test classes of one JVM, every broker instance the extension handed out. */
final class SharedBrokerWitness {

  private static final Set<LocalKafkaBroker> SEEN =
      Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

  private SharedBrokerWitness() {}

  /** Adds {@code broker} and returns how many distinct instances have been seen so far. */
  static int see(LocalKafkaBroker broker) {
    SEEN.add(broker);
    return SEEN.size();
  }
}
