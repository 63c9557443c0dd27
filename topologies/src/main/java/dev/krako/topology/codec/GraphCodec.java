package dev.krako.topology.codec;

import dev.krako.avro.ActivationCondition;
import dev.krako.avro.Budgets;
import dev.krako.avro.FailurePolicy;
import dev.krako.avro.GraphSourceFormat;
import dev.krako.avro.Privacy;
import dev.krako.avro.WorkUnitSpec;
import dev.krako.avro.WorkUnitType;
import dev.krako.graph.Activation;
import dev.krako.graph.Criticality;
import dev.krako.graph.SkipCondition;
import dev.krako.graph.SourceFormat;
import dev.krako.graph.TaskGraph;
import dev.krako.graph.UnitType;
import dev.krako.graph.VerificationMode;
import dev.krako.graph.WorkUnit;
import java.math.BigDecimal;

/** Maps a TaskGraph between the domain and its Avro form. */
public final class GraphCodec {

  private GraphCodec() {}

  public static dev.krako.avro.TaskGraph toAvro(TaskGraph graph) {
    return dev.krako.avro.TaskGraph.newBuilder()
        .setSchemaVersion(graph.schemaVersion())
        .setGraphId(graph.graphId())
        .setRequestId(graph.requestId())
        .setTenantId(graph.tenantId())
        .setCreatedAt(graph.createdAt())
        .setSourceFormat(
            graph.sourceFormat() == SourceFormat.KORA_IR_0_1
                ? GraphSourceFormat.kora_ir_0_1
                : GraphSourceFormat.taskgraph_1x)
        .setBudgets(budgets(graph.budgets()))
        .setFailurePolicy(failurePolicy(graph.failurePolicy()))
        .setFinalOutputs(graph.finalOutputs())
        .setWorkUnits(graph.workUnits().stream().map(GraphCodec::unit).toList())
        .build();
  }

  public static TaskGraph toDomain(dev.krako.avro.TaskGraph graph) {
    Budgets b = graph.getBudgets();
    return new TaskGraph(
        graph.getSchemaVersion(),
        graph.getGraphId(),
        graph.getRequestId(),
        graph.getTenantId(),
        graph.getCreatedAt(),
        new dev.krako.graph.Budgets(
            b.getMaxLlmCalls(),
            b.getMaxCpuUnits(),
            b.getMaxTokens(),
            b.getMaxLatencyMs(),
            b.getMaxCostUsd() == null ? null : new BigDecimal(b.getMaxCostUsd())),
        failurePolicy(graph.getFailurePolicy()),
        graph.getWorkUnits().stream().map(GraphCodec::unit).toList(),
        graph.getFinalOutputs(),
        graph.getSourceFormat() == GraphSourceFormat.kora_ir_0_1
            ? SourceFormat.KORA_IR_0_1
            : SourceFormat.TASKGRAPH_1X);
  }

  // The enums are mapped by exhaustive switches, not through name() and valueOf: the codec runs for
  // every unit of every event the orchestrator acts on (docs/performance-jmh.md, hot spot 2), and
  // the compiler checks that every domain constant has its Avro symbol. Avro's "unknown" symbols (a
  // reader's default for a symbol it does not know) have no domain value and are rejected.

  public static WorkUnitType type(UnitType type) {
    return switch (type) {
      case DETERMINISTIC -> WorkUnitType.deterministic;
      case RETRIEVAL -> WorkUnitType.retrieval;
      case SMALL_MODEL -> WorkUnitType.small_model;
      case LLM -> WorkUnitType.llm;
    };
  }

  private static UnitType type(WorkUnitSpec u) {
    return switch (u.getType()) {
      case deterministic -> UnitType.DETERMINISTIC;
      case retrieval -> UnitType.RETRIEVAL;
      case small_model -> UnitType.SMALL_MODEL;
      case llm -> UnitType.LLM;
      case unknown ->
          throw new IllegalStateException("Unit " + u.getId() + " has an unknown type.");
    };
  }

  private static FailurePolicy failurePolicy(dev.krako.graph.FailurePolicy policy) {
    return switch (policy) {
      case FAIL_FAST -> FailurePolicy.fail_fast;
      case CONTINUE_ON_ERROR -> FailurePolicy.continue_on_error;
    };
  }

  private static dev.krako.graph.FailurePolicy failurePolicy(FailurePolicy policy) {
    return switch (policy) {
      case fail_fast -> dev.krako.graph.FailurePolicy.FAIL_FAST;
      case continue_on_error -> dev.krako.graph.FailurePolicy.CONTINUE_ON_ERROR;
    };
  }

  private static Privacy privacy(dev.krako.graph.Privacy privacy) {
    return switch (privacy) {
      case ALLOW_REMOTE -> Privacy.allow_remote;
      case LOCAL_ONLY -> Privacy.local_only;
    };
  }

  private static dev.krako.graph.Privacy privacy(Privacy privacy) {
    return switch (privacy) {
      case allow_remote -> dev.krako.graph.Privacy.ALLOW_REMOTE;
      case local_only -> dev.krako.graph.Privacy.LOCAL_ONLY;
    };
  }

  private static dev.krako.avro.Criticality criticality(Criticality criticality) {
    return switch (criticality) {
      case LOW -> dev.krako.avro.Criticality.low;
      case NORMAL -> dev.krako.avro.Criticality.normal;
      case HIGH -> dev.krako.avro.Criticality.high;
    };
  }

  private static Criticality criticality(dev.krako.avro.Criticality criticality) {
    return switch (criticality) {
      case low -> Criticality.LOW;
      case normal -> Criticality.NORMAL;
      case high -> Criticality.HIGH;
    };
  }

  private static dev.krako.avro.VerificationMode verification(VerificationMode mode) {
    return switch (mode) {
      case NONE -> dev.krako.avro.VerificationMode.none;
      case SCHEMA -> dev.krako.avro.VerificationMode.schema;
      case QUORUM -> dev.krako.avro.VerificationMode.quorum;
      case RECOMPUTE -> dev.krako.avro.VerificationMode.recompute;
    };
  }

  private static VerificationMode verification(dev.krako.avro.VerificationMode mode) {
    return switch (mode) {
      case none -> VerificationMode.NONE;
      case schema -> VerificationMode.SCHEMA;
      case quorum -> VerificationMode.QUORUM;
      case recompute -> VerificationMode.RECOMPUTE;
    };
  }

  private static ActivationCondition condition(Activation.Condition when) {
    return switch (when) {
      case FAILURE -> ActivationCondition.failure;
      case SCHEMA_MISMATCH -> ActivationCondition.schema_mismatch;
      case CONFIDENCE_BELOW_THRESHOLD -> ActivationCondition.confidence_below_threshold;
      case BUDGET_REMAINING -> ActivationCondition.budget_remaining;
    };
  }

  private static Activation.Condition condition(ActivationCondition when) {
    return switch (when) {
      case failure -> Activation.Condition.FAILURE;
      case schema_mismatch -> Activation.Condition.SCHEMA_MISMATCH;
      case confidence_below_threshold -> Activation.Condition.CONFIDENCE_BELOW_THRESHOLD;
      case budget_remaining -> Activation.Condition.BUDGET_REMAINING;
      case unknown -> throw new IllegalArgumentException("An activation has an unknown condition.");
    };
  }

  private static Budgets budgets(dev.krako.graph.Budgets b) {
    return Budgets.newBuilder()
        .setMaxLlmCalls(b.maxLlmCalls())
        .setMaxCpuUnits(b.maxCpuUnits())
        .setMaxTokens(b.maxTokens())
        .setMaxLatencyMs(b.maxLatencyMs())
        .setMaxCostUsd(b.maxCostUsd() == null ? null : b.maxCostUsd().toPlainString())
        .build();
  }

  private static WorkUnitSpec unit(WorkUnit u) {
    return WorkUnitSpec.newBuilder()
        .setId(u.id())
        .setType(type(u.type()))
        .setDependencies(u.dependencies())
        .setInputJson(u.inputJson())
        .setRunJson(u.runJson())
        .setPrivacy(privacy(u.privacy()))
        .setTrustedNodeRequired(u.trustedNodeRequired())
        .setBudgetTokens(u.budgetTokens())
        .setMaxAttempts(u.maxAttempts())
        .setBackoffMs(u.backoffMs())
        .setRunTimeoutMs(u.runTimeoutMs())
        .setIdempotent(u.idempotent())
        .setOutputSchemaJson(u.outputSchemaJson())
        .setDispatchTimeoutMs(u.dispatchTimeoutMs())
        .setCriticality(criticality(u.criticality()))
        .setVerificationMode(verification(u.verificationMode()))
        .setActivation(u.activation() == null ? null : activation(u.activation()))
        .setSkipIf(
            u.skipIf() == null
                ? null
                : new dev.krako.avro.SkipCondition(u.skipIf().path(), u.skipIf().equalsJson()))
        .build();
  }

  private static dev.krako.avro.Activation activation(Activation a) {
    return new dev.krako.avro.Activation(condition(a.when()), a.of(), a.threshold());
  }

  private static Activation activation(dev.krako.avro.Activation a) {
    if (a == null) {
      return null;
    }
    return new Activation(condition(a.getWhen()), a.getOf(), a.getThreshold());
  }

  private static WorkUnit unit(WorkUnitSpec u) {
    return new WorkUnit(
        u.getId(),
        type(u),
        u.getDependencies(),
        u.getInputJson(),
        u.getRunJson(),
        privacy(u.getPrivacy()),
        u.getTrustedNodeRequired(),
        u.getBudgetTokens(),
        u.getMaxAttempts(),
        u.getBackoffMs(),
        u.getRunTimeoutMs(),
        u.getIdempotent(),
        u.getOutputSchemaJson(),
        u.getDispatchTimeoutMs(),
        criticality(u.getCriticality()),
        verification(u.getVerificationMode()),
        activation(u.getActivation()),
        u.getSkipIf() == null
            ? null
            : new SkipCondition(u.getSkipIf().getPath(), u.getSkipIf().getEqualsJson()));
  }
}
