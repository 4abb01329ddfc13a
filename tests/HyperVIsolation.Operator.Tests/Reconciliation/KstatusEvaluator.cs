using HyperVIsolation.Api.V1Alpha1;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

/// <summary>
/// The rules kstatus (sigs.k8s.io/cli-utils) applies to a custom resource, in its order: a stale
/// observedGeneration is InProgress, Stalled=True is Failed, Reconciling=True is InProgress, a
/// Ready condition that is not True is InProgress, otherwise Current.
/// </summary>
internal static class KstatusEvaluator
{
    public static string Evaluate(long generation, IsolatedWorkloadStatus status)
    {
        if (status.ObservedGeneration is { } observed && observed != generation)
        {
            return "InProgress";
        }

        var conditions = status.Conditions ?? [];
        if (conditions.Any(condition => condition.Type == "Stalled" && condition.Status == "True"))
        {
            return "Failed";
        }

        if (conditions.Any(condition => condition.Type == "Reconciling" && condition.Status == "True"))
        {
            return "InProgress";
        }

        return conditions.Any(condition => condition.Type == "Ready" && condition.Status != "True") ? "InProgress" : "Current";
    }
}
