using System.Globalization;

namespace HyperVIsolation.Soak.Plan;

/// <summary>The names and fixed rollout shape of the workload slots.</summary>
public static class SlotNames
{
    /// <summary>The namespace every soak workload lives in.</summary>
    public const string Namespace = "soak";

    /// <summary>The template annotation carrying the revision the soak set.</summary>
    public const string RevisionAnnotation = "soak.hyperv-isolation.io/revision";

    /// <summary>The workload name of a slot.</summary>
    public static string Of(int slot) => string.Create(CultureInfo.InvariantCulture, $"w{slot}");

    /// <summary>A slot's maxSurge: 1 or 2, so both shapes are soaked.</summary>
    public static int MaxSurge(int slot) => 1 + (slot % 2);

    /// <summary>A slot's maxUnavailable: 0 or 1.</summary>
    public static int MaxUnavailable(int slot) => slot % 3 == 0 ? 1 : 0;
}
