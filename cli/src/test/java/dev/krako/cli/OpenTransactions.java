package dev.krako.cli;

import dev.krako.kafka.local.LocalKafkaBroker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * For a fault test's failure message: the partitions whose last stable offset lags their end (an
 * open transaction hides every later record from {@code read_committed} readers) and the
 * transactions the broker has not completed. A run that hangs after a broker fault then says
 * whether a transaction was left open, and whose, without a rerun.
 */
final class OpenTransactions {

  private static final long TIMEOUT_S = 10;

  private OpenTransactions() {}

  static String describe(LocalKafkaBroker broker, Collection<String> topics) {
    try (Admin admin = Admin.create(broker.adminClientConfig())) {
      StringBuilder out =
          new StringBuilder("Partitions whose last stable offset lags their end:\n");
      List<TopicPartition> partitions = new ArrayList<>();
      admin
          .describeTopics(topics)
          .allTopicNames()
          .get(TIMEOUT_S, TimeUnit.SECONDS)
          .forEach(
              (name, d) ->
                  d.partitions()
                      .forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
      Map<TopicPartition, ListOffsetsResultInfo> end = latest(admin, partitions, false);
      Map<TopicPartition, ListOffsetsResultInfo> stable = latest(admin, partitions, true);
      for (TopicPartition tp : partitions) {
        long e = end.get(tp).offset();
        long s = stable.get(tp).offset();
        if (s < e) {
          out.append("  ").append(tp).append(": stable ").append(s).append(", end ").append(e);
          out.append('\n');
        }
      }
      out.append("Transactions not complete:\n");
      List<String> open = new ArrayList<>();
      for (TransactionListing t : admin.listTransactions().all().get(TIMEOUT_S, TimeUnit.SECONDS)) {
        if (t.state() != TransactionState.COMPLETE_COMMIT
            && t.state() != TransactionState.COMPLETE_ABORT
            && t.state() != TransactionState.EMPTY) {
          open.add(t.transactionalId());
        }
      }
      if (!open.isEmpty()) {
        for (Map.Entry<String, TransactionDescription> t :
            admin.describeTransactions(open).all().get(TIMEOUT_S, TimeUnit.SECONDS).entrySet()) {
          TransactionDescription d = t.getValue();
          out.append("  ").append(t.getKey()).append(' ').append(d.state());
          out.append(" producer ").append(d.producerId()).append('/').append(d.producerEpoch());
          out.append(" since ").append(d.transactionStartTimeMs().orElse(-1));
          out.append(" partitions ").append(d.topicPartitions()).append('\n');
        }
      }
      return out.toString();
    } catch (Exception e) {
      return "The broker's transactions could not be read: " + e;
    }
  }

  private static Map<TopicPartition, ListOffsetsResultInfo> latest(
      Admin admin, List<TopicPartition> partitions, boolean committed) throws Exception {
    Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
    partitions.forEach(tp -> specs.put(tp, OffsetSpec.latest()));
    ListOffsetsOptions options =
        new ListOffsetsOptions(
            committed ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED);
    return admin.listOffsets(specs, options).all().get(TIMEOUT_S, TimeUnit.SECONDS);
  }
}
