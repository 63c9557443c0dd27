package dev.krako.topology.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random event logs about a few nodes (every error code, abandoned attempts, timed-out calls,
 * health reports at colliding times), replayed in random interleavings with redeliveries into a
 * fresh application: the node trust table and the compacted trust topic never change. jqwik prints
 * the seed of a failure.
 */
class TrustReplayProperties {

  @Property(tries = 10)
  void anyInterleavingWithRedeliveriesGivesTheSameTable(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int sessions) throws IOException {
    Random random = new Random(seed);
    List<List<Event>> logs = TrustScenario.logs(random, sessions);
    List<Event> inOrder = logs.stream().flatMap(List::stream).toList();
    List<Event> replay = TrustScenario.interleave(logs, random, random.nextInt(30));

    Path dir = Files.createTempDirectory("trust-property");
    try (TrustHarness first = new TrustHarness(dir.resolve("first"));
        TrustHarness second = new TrustHarness(dir.resolve("second"))) {
      first.pipe(inOrder);
      second.pipe(replay);

      assertThat(TrustReplayTest.bytes(second.table()))
          .isEqualTo(TrustReplayTest.bytes(first.table()));
      assertThat(TrustReplayTest.bytes(second.compactedTrustTopic()))
          .isEqualTo(TrustReplayTest.bytes(first.table()));
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
