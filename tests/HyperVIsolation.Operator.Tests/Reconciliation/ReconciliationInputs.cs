using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.Operator.Placement;
using HyperVIsolation.Operator.Policies;
using HyperVIsolation.Operator.Reconciliation;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Reconciliation;

/// <summary>Builders for workloads, nodes, policies, plans and pod summaries used by the reconciliation tests.</summary>
internal static class ReconciliationInputs
{
    public const int Ws2019 = 17763;
    public const int Ws2022 = 20348;
    public const int Ws23H2 = 25398;
    public const int Ws2025 = 26100;

    public static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ReconciliationOptions Options { get; } = new();

    public static IsolatedWorkload Workload(
        string name = "web",
        int replicas = 3,
        OsSelection? os = null,
        IsolationMode isolation = IsolationMode.HyperV,
        UtilityVmOverrides? vm = null,
        long generation = 1,
        params WorkloadContainer[] containers) => new()
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "tenant-a", Uid = "uid-" + name, Generation = generation },
            Spec = new IsolatedWorkloadSpec
            {
                Replicas = replicas,
                Isolation = isolation,
                Os = os,
                Vm = vm,
                Template = new WorkloadTemplate { Containers = containers.Length > 0 ? [.. containers] : [Container("app")] },
            },
        };

    public static WorkloadContainer Container(string name, string? image = null) => new() { Name = name, Image = image };

    public static IReadOnlyList<NodeBuildInfo> Nodes(params int[] builds) =>
        builds.Select((build, index) => new NodeBuildInfo($"node-{index}", true, new WindowsBuild(build), true)).ToList();

    public static IsolationPolicy Policy(
        string name = "tenants",
        PolicyMode mode = PolicyMode.Enforce,
        bool disableUnsafeOperations = true,
        long? maxMemory = null,
        bool allowProcessIsolation = false,
        List<string>? allowedRegistries = null,
        bool requireDigest = false) => new()
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new IsolationPolicySpec
            {
                Mode = mode,
                DisableUnsafeOperations = disableUnsafeOperations,
                Vm = maxMemory is null ? null : new VmSizePolicy { MaxMemoryMiB = maxMemory },
                AllowProcessIsolation = allowProcessIsolation,
                AllowedRegistries = allowedRegistries,
                RequireImageDigest = requireDigest,
            },
        };

    /// <summary>A successful plan for <paramref name="workload"/> on <paramref name="nodes"/> (2022 nodes by default).</summary>
    public static WorkloadPlan PlanFor(
        IsolatedWorkload workload,
        IReadOnlyList<NodeBuildInfo>? nodes = null,
        ReconciliationOptions? options = null,
        params IsolationPolicy[] policies)
    {
        var result = WorkloadPlanner.Plan(workload, nodes ?? Nodes(Ws2022), policies, null, options ?? Options);
        result.IsSuccess.Should().BeTrue(result.Failure?.Message);
        return result.Plan!;
    }

    public static PodSummary Pod(
        string name, string? hash, bool ready = true, PodPhase? phase = null, bool deleting = false, int ageMinutes = 10) =>
        new(name, hash, phase ?? (ready ? PodPhase.Running : PodPhase.Pending), ready, deleting, Epoch.AddMinutes(-ageMinutes));

    public static UpdateStrategy Rolling(string? maxSurge, string? maxUnavailable) => new()
    {
        Type = UpdateStrategyType.RollingUpdate,
        RollingUpdate = new RollingUpdateSettings
        {
            MaxSurge = maxSurge is null ? null : (IntOrString)maxSurge,
            MaxUnavailable = maxUnavailable is null ? null : (IntOrString)maxUnavailable,
        },
    };
}
