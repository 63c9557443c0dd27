import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Prints every record of one bench run's topics (read_uncommitted, so aborted and open
 * transactions show too) as: timestamp, topic, partition, offset, key, the value's printable bytes
 * (first 400). Usage: java -cp 'lib/*' Dump.java BOOTSTRAP RUN_PREFIX > run.tsv
 */
public class Dump {

  public static void main(String[] args) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", args[0]);
    p.put("isolation.level", "read_uncommitted");
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    Set<String> topics;
    try (Admin admin = Admin.create(p)) {
      topics = admin.listTopics().names().get();
    }
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String t : topics) {
        if (t.startsWith(args[1]) && !t.contains("raw")) {
          consumer.partitionsFor(t).forEach(i -> partitions.add(new TopicPartition(t, i.partition())));
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      for (int idle = 0; idle < 5; ) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofSeconds(1));
        idle = records.isEmpty() ? idle + 1 : 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
          String v = printable(r.value());
          System.out.println(String.join("\t", Long.toString(r.timestamp()), r.topic(),
              Integer.toString(r.partition()), Long.toString(r.offset()), printable(r.key()),
              v.length() > 400 ? v.substring(0, 400) : v));
        }
      }
    }
  }

  private static String printable(byte[] bytes) {
    if (bytes == null) {
      return "null";
    }
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      char c = (char) (b & 0xff);
      s.append(c >= 32 && c < 127 ? c : '.');
    }
    return s.toString();
  }
}
