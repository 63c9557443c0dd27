package dev.krako.topology.capacity;

import dev.krako.avro.AdmissionModeChanged;
import dev.krako.avro.CapacityScaleRequested;
import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.avro.Substrate;
import dev.krako.capacity.PoolObservation;
import dev.krako.capacity.ScaleRequest;
import dev.krako.capacity.Transition;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import java.time.Instant;

/**
 * The capacity topology's events. Their ids count per subject (a pool's requests, the mode's
 * changes), so the n-th decision has the same id however often it is re-emitted.
 */
final class CapacityEvents {

  static final String COMPONENT = "capacity";

  private CapacityEvents() {}

  static Event scaleRequested(ScaleRequest request, long sequence, Instant at, String instance) {
    PoolObservation o = request.observation();
    String pool = o.pool().wireName();
    return envelope(
            EventIds.sequenceEventId("pool/" + pool, sequence, EventTypes.CAPACITY_SCALE_REQUESTED),
            EventTypes.CAPACITY_SCALE_REQUESTED,
            at,
            instance)
        .setPayload(
            CapacityScaleRequested.newBuilder()
                .setSubstrate(Substrate.valueOf(pool))
                .setSuggestedSize(request.suggestedSize())
                .setReason(request.reason())
                .setCurrentSize(o.currentSize())
                .setWaitingUnits(o.waitingUnits())
                .setOldestWaitingMs(o.oldestWaitingMs())
                .setClaimLatencyMs(o.claimLatencyMs())
                .setCompletedInWindow(o.completed())
                .setWindowMs(o.windowMs())
                .build())
        .build();
  }

  static Event modeChanged(Transition t, String instance) {
    return envelope(
            EventIds.sequenceEventId(
                CapacityNames.ADMISSION_KEY,
                t.after().changes(),
                EventTypes.ADMISSION_MODE_CHANGED),
            EventTypes.ADMISSION_MODE_CHANGED,
            t.after().since(),
            instance)
        .setPayload(
            new AdmissionModeChanged(
                t.after().mode().wireName(),
                t.after().reason(),
                t.before().mode().wireName(),
                t.after().cause().wireName()))
        .build();
  }

  private static Event.Builder envelope(String id, String type, Instant at, String instance) {
    return Event.newBuilder()
        .setEventId(id)
        .setEventType(type)
        .setTimestamp(at)
        .setTenantId(null)
        .setGraphId(null)
        .setSessionId(null)
        .setWorkUnitId(null)
        .setAttemptIndex(0)
        .setSource(new EventSource(COMPONENT, instance));
  }
}
