package dev.krako.topology.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.krako.avro.SessionState;
import dev.krako.graph.Budgets;
import dev.krako.graph.FailurePolicy;
import dev.krako.graph.Privacy;
import dev.krako.graph.TaskGraph;
import dev.krako.graph.UnitType;
import dev.krako.graph.WorkUnit;
import dev.krako.schemas.AvroSerdes;
import dev.krako.session.Session;
import dev.krako.topology.codec.SessionCodec;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** What the cache holds is what the store holds, within its bound (ADR 022). */
class SessionCacheTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** The sessions store's serde, as the orchestrator's store has it. */
  private static final Serde<SessionState> SERDE = new SessionStateSerde();

  /** A store of encoded bytes, as Kafka Streams' is, that counts its reads and can fail writes. */
  private final Map<String, byte[]> bytes = new HashMap<>();

  private int reads;
  private boolean failWrites;

  @SuppressWarnings("unchecked")
  private final KeyValueStore<String, SessionState> store =
      (KeyValueStore<String, SessionState>)
          Proxy.newProxyInstance(
              KeyValueStore.class.getClassLoader(),
              new Class<?>[] {KeyValueStore.class},
              (proxy, method, args) -> {
                String key = (String) args[0];
                switch (method.getName()) {
                  case "get":
                    reads++;
                    byte[] stored = bytes.get(key);
                    return stored == null ? null : SERDE.deserializer().deserialize("s", stored);
                  case "put":
                    if (failWrites) {
                      throw new IllegalStateException("the store is closed");
                    }
                    bytes.put(key, SERDE.serializer().serialize("s", (SessionState) args[1]));
                    return null;
                  case "delete":
                    bytes.remove(key);
                    return null;
                  default:
                    throw new UnsupportedOperationException(method.getName());
                }
              });

  @Test
  void aWrittenSessionIsReadBackFromMemoryAsTheSameInstance() {
    SessionCache cache = new SessionCache(store, 100);
    Session s = session("s-1", 3);

    cache.put("s-1", s);

    assertThat(cache.get("s-1")).containsSame(s);
    assertThat(reads).isZero();
  }

  @Test
  void aMissIsDecodedFromTheStoreOnceThenHeld() {
    new SessionCache(store, 100).put("s-1", session("s-1", 3));
    SessionCache cache = new SessionCache(store, 100);

    Session first = cache.get("s-1").orElseThrow();
    Session second = cache.get("s-1").orElseThrow();

    assertThat(second).isSameAs(first).isEqualTo(session("s-1", 3));
    assertThat(reads).isEqualTo(1);
    assertThat(cache.get("unknown")).isEmpty();
  }

  @Test
  void everyWriteStoresTheBytesOfTheSessionCodecAlsoWhenTheGraphsAvroFormIsReused() {
    SessionCache cache = new SessionCache(store, 100);
    Session s = session("s-1", 3);
    Session ended =
        new Session(
            "s-1",
            s.graph(),
            dev.krako.session.SessionStatus.COMPLETED,
            dev.krako.session.StopReason.SUCCESS,
            T0,
            T0.plusSeconds(1),
            s.units());

    cache.put("s-1", s);
    cache.put("s-1", ended); // the same graph instance: its Avro form is reused

    // The graph's encoding is reused too (SessionStateSerde): the bytes are still Avro's.
    assertThat(bytes.get("s-1"))
        .isEqualTo(
            AvroSerdes.of(SessionState.class)
                .serializer()
                .serialize("s", SessionCodec.toAvro(ended)));
  }

  @Test
  void aDeleteRemovesTheSessionFromMemoryAndStore() {
    SessionCache cache = new SessionCache(store, 100);
    cache.put("s-1", session("s-1", 3));

    cache.delete("s-1");

    assertThat(cache.get("s-1")).isEmpty();
    assertThat(bytes).isEmpty();
  }

  @Test
  void afterAClearTheStoreIsReadAgainWhateverItHoldsNow() {
    SessionCache cache = new SessionCache(store, 100);
    cache.put("s-1", session("s-1", 3));
    // The store rolled back behind the cache, as a restore from the changelog would.
    bytes.put("s-1", SERDE.serializer().serialize("s", SessionCodec.toAvro(session("s-1", 2))));

    cache.clear();

    assertThat(cache.get("s-1")).contains(session("s-1", 2));
    assertThat(reads).isEqualTo(1);
  }

  @Test
  void aFailedWriteLeavesNothingInMemory() {
    SessionCache cache = new SessionCache(store, 100);
    cache.put("s-1", session("s-1", 3));
    failWrites = true;

    assertThatExceptionOfType(IllegalStateException.class)
        .isThrownBy(() -> cache.put("s-1", session("s-1", 2)));

    assertThat(cache.cachedSessions()).isZero();
    assertThat(cache.get("s-1")).contains(session("s-1", 3));
  }

  @Test
  void theLeastRecentlyUsedSessionsGoFirstOnceTheUnitsExceedTheBound() {
    SessionCache cache = new SessionCache(store, 8); // a 3-unit session weighs 4
    cache.put("s-1", session("s-1", 3));
    cache.put("s-2", session("s-2", 3));
    cache.get("s-1"); // now s-2 is the least recently used

    cache.put("s-3", session("s-3", 3));
    reads = 0;

    assertThat(cache.cachedSessions()).isEqualTo(2);
    cache.get("s-1");
    cache.get("s-3");
    assertThat(reads).as("s-1 and s-3 are held").isZero();
    assertThat(cache.get("s-2")).contains(session("s-2", 3));
    assertThat(reads).as("s-2 was evicted").isEqualTo(1);
  }

  @Test
  void aSessionLargerThanTheBoundAndABoundOfZeroKeepNothing() {
    SessionCache small = new SessionCache(store, 3);
    SessionCache none = new SessionCache(store, 0);

    small.put("s-1", session("s-1", 3));
    none.put("s-2", session("s-2", 1));

    assertThat(small.cachedSessions()).isZero();
    assertThat(none.cachedSessions()).isZero();
    assertThat(small.get("s-1")).contains(session("s-1", 3));
  }

  static Session session(String id, int units) {
    List<WorkUnit> workUnits = new ArrayList<>();
    for (int i = 0; i < units; i++) {
      workUnits.add(
          new WorkUnit(
              "u" + i,
              UnitType.DETERMINISTIC,
              List.of(),
              "{}",
              "{\"handler\":\"echo\"}",
              Privacy.ALLOW_REMOTE,
              false,
              null,
              1,
              0,
              null,
              false,
              null));
    }
    TaskGraph graph =
        new TaskGraph(
            "1.0",
            "g-" + id,
            "r",
            "t",
            T0,
            new Budgets(1, 10, 100, 60_000, null),
            FailurePolicy.FAIL_FAST,
            workUnits,
            List.of("u0"));
    return Session.start(id, graph, T0);
  }
}
