package dev.krako.topology.ingress;

import dev.krako.avro.RequestIndexEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Forgets the requests admitted longer than the dedupe horizon ago, so that {@code
 * ingress-request-index} does not keep every request ever made (docs/adr/018-session-retention.md).
 * The index is keyed by session id, not by time, and gets no second store: each call walks at most
 * {@code limit} entries in key order, from where the last call stopped, and starts again from the
 * first key after the last one. An entry is forgotten within one whole walk after its horizon.
 *
 * <p>Time is the task's stream time (the newest admission's record time), as for billing's dedupe
 * horizon, so that a replay forgets the same entries and an idle partition forgets nothing early.
 * The walk position is not stored: after a restart it starts from the first key.
 */
final class RequestIndexSweep {

  private final KeyValueStore<String, RequestIndexEntry> index;
  private final Duration horizon;
  private final int limit;
  private String resumeAfter;

  RequestIndexSweep(KeyValueStore<String, RequestIndexEntry> index, Duration horizon, int limit) {
    this.index = index;
    this.horizon = horizon;
    this.limit = limit;
  }

  /** Walks the next entries; returns how many were forgotten. */
  int sweep(long streamTimeMs) {
    if (streamTimeMs < 0) {
      return 0; // no record yet: no time
    }
    long cutoff = streamTimeMs - horizon.toMillis();
    List<String> expired = new ArrayList<>();
    int read = 0;
    String last = null;
    try (KeyValueIterator<String, RequestIndexEntry> it = index.range(resumeAfter, null)) {
      while (it.hasNext() && read < limit) {
        KeyValue<String, RequestIndexEntry> entry = it.next();
        if (entry.key.equals(resumeAfter)) {
          continue; // the range starts at the last key walked, which is done
        }
        read++;
        last = entry.key;
        if (entry.value.getAdmittedAt().toEpochMilli() < cutoff) {
          expired.add(entry.key);
        }
      }
      resumeAfter = it.hasNext() ? last : null;
    }
    expired.forEach(index::delete);
    return expired.size();
  }
}
