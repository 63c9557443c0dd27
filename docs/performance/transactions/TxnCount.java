import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** TxnCount BOOTSTRAP SECONDS: __transaction_state records per transactional id (grouped) appended during SECONDS. */
public class TxnCount {
  public static void main(String[] a) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", a[0]);
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    p.put("exclude.internal.topics", "false");
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> tps = new ArrayList<>();
      c.partitionsFor("__transaction_state").forEach(i -> tps.add(new TopicPartition(i.topic(), i.partition())));
      c.assign(tps);
      c.seekToEnd(tps);
      tps.forEach(c::position);
      long end = System.currentTimeMillis() + Long.parseLong(a[1]) * 1000;
      Map<String, Integer> n = new TreeMap<>();
      Map<String, Integer> commits = new TreeMap<>();
      int total = 0;
      while (System.currentTimeMillis() < end) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          ByteBuffer b = ByteBuffer.wrap(r.key());
          b.getShort();
          byte[] id = new byte[b.getShort()];
          b.get(id);
          String s = new String(id, StandardCharsets.UTF_8).replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "UUID").replaceAll("\\d+", "N");
          n.merge(s, 1, Integer::sum);
          if (r.value() != null && r.value().length > 16 && r.value()[16] == 4) {
            commits.merge(s, 1, Integer::sum);
          }
          total++;
        }
      }
      double secs = Double.parseDouble(a[1]);
      System.out.printf("%d __transaction_state records in %s s (%.1f/s)%n", total, a[1], total / secs);
      n.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue())
          .forEach(e -> System.out.printf("%8.1f records/s %8.1f commits/s %s%n", e.getValue() / secs, commits.getOrDefault(e.getKey(), 0) / secs, e.getKey()));
      System.out.printf("commits/s total %.1f%n", commits.values().stream().mapToInt(Integer::intValue).sum() / secs);
    }
  }
}
