package dev.krako.topology.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.RequestIndexEntry;
import dev.krako.schemas.AvroSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The walk over the request index: bounded per call, resumed where it stopped, then again. */
class RequestIndexSweepTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration HORIZON = Duration.ofDays(7);
  private static final long LATER = T0.plus(HORIZON).plusMillis(1).toEpochMilli();

  private KeyValueStore<String, RequestIndexEntry> index;

  @BeforeEach
  void store() {
    index =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("index"),
                Serdes.String(),
                AvroSerdes.of(RequestIndexEntry.class))
            .withLoggingDisabled()
            .build();
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    index.init(context.getStateStoreContext(), index);
  }

  @Test
  void eachCallWalksAtMostTheLimitAndTheNextCallGoesOnFromThere() {
    put("s1", T0);
    put("s2", T0.plus(HORIZON));
    put("s3", T0);
    put("s4", T0.plus(HORIZON));
    put("s5", T0);
    RequestIndexSweep sweep = new RequestIndexSweep(index, HORIZON, 2);

    assertThat(sweep.sweep(LATER)).isEqualTo(1);
    assertThat(keys()).containsExactly("s2", "s3", "s4", "s5");
    assertThat(sweep.sweep(LATER)).isEqualTo(1);
    assertThat(keys()).containsExactly("s2", "s4", "s5");
    assertThat(sweep.sweep(LATER)).as("the end: the next walk starts over").isEqualTo(1);
    assertThat(keys()).containsExactly("s2", "s4");

    put("s0", T0);
    assertThat(sweep.sweep(LATER)).isEqualTo(1);
    assertThat(keys()).containsExactly("s2", "s4");
  }

  @Test
  void nothingIsForgottenBeforeTheHorizonNorBeforeAnyRecordTime() {
    put("s1", T0);
    RequestIndexSweep sweep = new RequestIndexSweep(index, HORIZON, 10);

    assertThat(sweep.sweep(-1)).isZero();
    assertThat(sweep.sweep(T0.plus(HORIZON).toEpochMilli())).as("exactly the horizon").isZero();
    assertThat(keys()).containsExactly("s1");
  }

  private void put(String sessionId, Instant admittedAt) {
    index.put(sessionId, new RequestIndexEntry(sessionId, "tenant-a", "r", "g", admittedAt));
  }

  private List<String> keys() {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, RequestIndexEntry> it = index.all()) {
      it.forEachRemaining(e -> keys.add(e.key));
    }
    return keys;
  }
}
