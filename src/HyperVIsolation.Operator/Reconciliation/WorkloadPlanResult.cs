using System.Diagnostics.CodeAnalysis;

namespace HyperVIsolation.Operator.Reconciliation;

/// <summary>The outcome of <see cref="WorkloadPlanner.Plan"/>: a plan or a failure, never both.</summary>
public sealed record WorkloadPlanResult
{
    private WorkloadPlanResult(WorkloadPlan? plan, PlanFailure? failure)
    {
        Plan = plan;
        Failure = failure;
    }

    /// <summary>The plan, when planning succeeded.</summary>
    public WorkloadPlan? Plan { get; }

    /// <summary>The failure, when planning failed.</summary>
    public PlanFailure? Failure { get; }

    /// <summary>Whether a plan was made.</summary>
    [MemberNotNullWhen(true, nameof(Plan))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Plan is not null;

    /// <summary>A successful plan.</summary>
    public static WorkloadPlanResult Success(WorkloadPlan plan) => new(plan ?? throw new ArgumentNullException(nameof(plan)), null);

    /// <summary>A failed plan.</summary>
    public static WorkloadPlanResult Fail(PlanFailureReason reason, string message) => new(null, new PlanFailure(reason, message));
}
