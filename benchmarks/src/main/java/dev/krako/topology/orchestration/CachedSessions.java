package dev.krako.topology.orchestration;

import dev.krako.avro.SessionState;
import dev.krako.session.Session;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The orchestrator's {@link SessionCache}, opened to the benchmarks, over a session store without
 * RocksDB: {@code get} decodes the bytes it is given and {@code put} encodes what it is given, the
 * serde work Kafka Streams' store does around RocksDB. It lives in the orchestration package, in
 * the benchmarks' jar only, because the cache is package-private there.
 */
public final class CachedSessions {

  private final SessionCache cache;
  private byte[] written;

  /**
   * @param read the stored session's bytes, decoded (what a store {@code get} costs)
   * @param write encodes a session state (what a store {@code put} costs)
   * @param maxUnits the cache's bound, as {@link OrchestrationConfig#sessionCacheUnits()}; 0 for
   *     none
   */
  public CachedSessions(
      Supplier<SessionState> read, Function<SessionState, byte[]> write, int maxUnits) {
    @SuppressWarnings("unchecked")
    KeyValueStore<String, SessionState> store =
        (KeyValueStore<String, SessionState>)
            Proxy.newProxyInstance(
                KeyValueStore.class.getClassLoader(),
                new Class<?>[] {KeyValueStore.class},
                (proxy, method, args) -> {
                  switch (method.getName()) {
                    case "get":
                      return read.get();
                    case "put":
                      written = write.apply((SessionState) args[1]);
                      return null;
                    default:
                      throw new UnsupportedOperationException(method.getName());
                  }
                });
    this.cache = new SessionCache(store, maxUnits);
  }

  /** The session, from memory on a hit, else decoded from the store. */
  public Optional<Session> get(String sessionId) {
    return cache.get(sessionId);
  }

  /** Stores the session (and keeps it in memory if the bound allows). */
  public void put(String sessionId, Session session) {
    cache.put(sessionId, session);
  }

  /** The serde of the orchestrator's sessions store ({@link SessionStateSerde}). */
  public static Serde<SessionState> storeSerde() {
    return new SessionStateSerde();
  }

  /** The bytes of the last {@link #put}. */
  public byte[] written() {
    return written;
  }
}
