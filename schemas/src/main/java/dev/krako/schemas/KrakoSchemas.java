package dev.krako.schemas;

import dev.krako.avro.AdmissionCommand;
import dev.krako.avro.AdmissionStatus;
import dev.krako.avro.DeadLetter;
import dev.krako.avro.Event;
import dev.krako.avro.GraphRejected;
import dev.krako.avro.LedgerEntry;
import dev.krako.avro.NodeTrust;
import dev.krako.avro.RequestIndexEntry;
import dev.krako.avro.SessionAdmitted;
import dev.krako.avro.SessionResult;
import dev.krako.avro.SessionState;
import dev.krako.avro.Wallet;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.avro.WorkUnitHeartbeat;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every top-level record Krako writes to a topic or a store. The list is the compatibility surface
 * that {@link ReleasedSchemas} guards: each entry must read every released version of itself.
 */
public final class KrakoSchemas {

  /** The current (writer) schema of every top-level record, in a stable order. */
  public static final List<Schema> CURRENT =
      List.of(
          SessionAdmitted.getClassSchema(),
          RequestIndexEntry.getClassSchema(),
          WorkUnitDispatch.getClassSchema(),
          Event.getClassSchema(),
          SessionResult.getClassSchema(),
          GraphRejected.getClassSchema(),
          DeadLetter.getClassSchema(),
          SessionState.getClassSchema(),
          LedgerEntry.getClassSchema(),
          Wallet.getClassSchema(),
          NodeTrust.getClassSchema(),
          AdmissionCommand.getClassSchema(),
          AdmissionStatus.getClassSchema(),
          WorkUnitHeartbeat.getClassSchema());

  private KrakoSchemas() {}
}
