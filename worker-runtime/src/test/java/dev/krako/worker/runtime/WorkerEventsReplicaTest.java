package dev.krako.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Event;
import dev.krako.avro.Substrate;
import dev.krako.avro.VerificationMode;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.avro.WorkUnitType;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ids and envelope of a worker's events about one replica of a verified attempt. */
class WorkerEventsReplicaTest {

  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  private final WorkerEvents events = new WorkerEvents("node-a", Substrate.cpu);

  private static WorkUnitDispatch dispatch(int replica, int replicas) {
    return WorkUnitDispatch.newBuilder()
        .setSessionId("s-1")
        .setTenantId("t")
        .setGraphId("g")
        .setWorkUnitId("u")
        .setAttemptIndex(1)
        .setType(WorkUnitType.deterministic)
        .setSubstrate(Substrate.cpu)
        .setRunJson("{}")
        .setInputJson("{}")
        .setDependencyIds(List.of())
        .setDependencyOutputs(Map.of())
        .setVerificationMode(VerificationMode.quorum)
        .setDispatchedAt(AT)
        .setReplicaIndex(replica)
        .setReplicaCount(replicas)
        .setExcludeNodes(List.of("node-b"))
        .setHops(2)
        .build();
  }

  @Test
  void aReplicasEventsCarryItsIndexAndAnIdOfTheirOwn() {
    Event claimed = events.claimed(dispatch(2, 3), AT);

    assertThat(claimed.getReplicaIndex()).isEqualTo(2);
    assertThat(claimed.getEventId())
        .isEqualTo(EventIds.replicaEventId("s-1", "u", 1, 2, EventTypes.UNIT_CLAIMED))
        .isNotEqualTo(events.claimed(dispatch(1, 3), AT).getEventId())
        .isNotEqualTo(EventIds.eventId("s-1", "u", 1, EventTypes.UNIT_CLAIMED));
  }

  @Test
  void anUnreplicatedAttemptKeepsItsIdsAndNoIndex() {
    Event claimed = events.claimed(dispatch(0, 1), AT);

    assertThat(claimed.getReplicaIndex()).isNull();
    assertThat(claimed.getEventId())
        .isEqualTo(EventIds.eventId("s-1", "u", 1, EventTypes.UNIT_CLAIMED));
  }

  @Test
  void aReplicaWithoutADistinctNodeFailsNamingNoNode() {
    Event failed = events.noDistinctNode(dispatch(1, 3), AT);

    assertThat(failed.getEventType()).isEqualTo(EventTypes.UNIT_FAILED);
    assertThat(failed.getReplicaIndex()).isEqualTo(1);
    WorkUnitFailed payload = (WorkUnitFailed) failed.getPayload();
    assertThat(payload.getNodeId()).isNull();
    assertThat(payload.getErrorCode()).isEqualTo("NO_DISTINCT_NODE");
    assertThat(payload.getMessage()).contains("node-b").contains("2 hand-ons");
  }
}
