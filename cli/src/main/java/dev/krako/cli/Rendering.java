package dev.krako.cli;

import dev.krako.avro.Event;
import dev.krako.avro.GraphRejected;
import dev.krako.avro.SessionResult;
import dev.krako.avro.UnitTelemetry;
import dev.krako.avro.Violation;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.avro.WorkUnitRetryScheduled;
import dev.krako.avro.WorkUnitScheduled;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/** How the CLI shows events, results and rejections: one line each, the essentials first. */
final class Rendering {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private Rendering() {}

  static String event(Event e) {
    String unit =
        e.getWorkUnitId() == null ? "" : " " + e.getWorkUnitId() + "#" + e.getAttemptIndex();
    return String.format(
        "%s  %-22s %-30s%s%s",
        TIME.format(e.getTimestamp()), nullSafe(e.getGraphId()), e.getEventType(), unit, detail(e));
  }

  private static String detail(Event e) {
    Object p = e.getPayload();
    if (p instanceof WorkUnitScheduled s) {
      return "  → " + s.getDispatchTopic();
    } else if (p instanceof WorkUnitClaimed c) {
      return "  by " + c.getNodeId();
    } else if (p instanceof WorkUnitCompleted c) {
      return "  in " + c.getDurationMs() + " ms";
    } else if (p instanceof WorkUnitFailed f) {
      return "  " + f.getErrorCode() + ": " + f.getMessage();
    } else if (p instanceof WorkUnitRetryScheduled r) {
      return "  next attempt " + r.getNextAttemptIndex() + " after " + r.getBackoffMs() + " ms";
    }
    return "";
  }

  static String result(SessionResult r) {
    String units =
        r.getTelemetry().getUnits().stream().map(Rendering::unit).collect(Collectors.joining(", "));
    return String.format(
        "RESULT   %s  session %s  %s (%s) in %d ms  units [%s]%n         final output: %s",
        r.getGraphId(),
        r.getSessionId(),
        r.getStatus(),
        r.getStopReason(),
        r.getTelemetry().getTotalLatencyMs(),
        units,
        r.getFinalOutputJson());
  }

  private static String unit(UnitTelemetry u) {
    return u.getWorkUnitId() + " " + u.getStatus() + " x" + u.getAttempts();
  }

  static String rejection(GraphRejected r) {
    if (r.getExistingSessionId() != null) {
      return "DUPLICATE "
          + r.getGraphId()
          + "  request "
          + r.getRequestId()
          + " already has session "
          + r.getExistingSessionId();
    }
    return "REJECTED "
        + nullSafe(r.getGraphId())
        + " ("
        + r.getSourceTopic()
        + "-"
        + r.getSourcePartition()
        + "@"
        + r.getSourceOffset()
        + ")\n"
        + r.getViolations().stream().map(Rendering::violation).collect(Collectors.joining("\n"));
  }

  private static String violation(Violation v) {
    return "         " + v.getCode() + " at " + v.getPath() + ": " + v.getMessage();
  }

  private static String nullSafe(String s) {
    return s == null ? "(no graph id)" : s;
  }
}
