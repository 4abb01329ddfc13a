using System.Diagnostics;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.Api.Windows;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Bench.Operator;

/// <summary>Creates the benchmark's IsolatedWorkloads and waits until every one reports Ready for its generation.</summary>
internal static class WorkloadRollout
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Namespace of the i-th of <paramref name="namespaces"/> namespaces.</summary>
    public static string NamespaceOf(int index, int namespaces) => $"bench-{index % namespaces}";

    /// <summary>Creates the namespaces.</summary>
    public static async Task CreateNamespacesAsync(IKubernetes client, int namespaces, CancellationToken cancellationToken)
    {
        for (var i = 0; i < namespaces; i++)
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = NamespaceOf(i, namespaces) } }, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Creates every workload with <see cref="OperatorBenchmarkSettings.CreateConcurrency"/> requests in flight.</summary>
    public static Task<OperationResult> CreateAsync(IKubernetes client, OperatorBenchmarkSettings settings, CancellationToken cancellationToken) =>
        LatencyRecorder.MeasureAsync(
            "workload create",
            settings.Workloads,
            settings.CreateConcurrency,
            (i, ct) =>
            {
                var workload = NanoServer(NamespaceOf(i, settings.Namespaces), $"w-{i:D5}", settings.Replicas);
                return client.CustomObjects.CreateNamespacedCustomObjectAsync(workload, ApiGroup.Group, ApiGroup.Version, workload.Metadata.NamespaceProperty, IsolatedWorkload.Plural, cancellationToken: ct);
            },
            cancellationToken);

    /// <summary>Polls until <paramref name="expected"/> workloads are Ready (printing progress); returns how many were.</summary>
    public static async Task<int> WaitForReadyAsync(IKubernetes client, int expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var lastPrinted = TimeSpan.Zero;
        var ready = 0;
        while (deadline.Elapsed < timeout)
        {
            ready = await CountReadyAsync(client, cancellationToken);
            if (ready >= expected)
            {
                return ready;
            }

            if (deadline.Elapsed - lastPrinted >= TimeSpan.FromSeconds(5))
            {
                lastPrinted = deadline.Elapsed;
                Console.WriteLine($"  {deadline.Elapsed.TotalSeconds,5:F0} s: {ready}/{expected} workloads Ready; pods {await DescribePodsAsync(client, cancellationToken)}");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        return ready;
    }

    // Where pods wait tells which side of the loop is slow: the operator (few pods), the scheduler (unbound) or the kubelets (bound, not ready).
    private static async Task<string> DescribePodsAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        var pods = (await client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: cancellationToken)).Items ?? [];
        var bound = pods.Count(p => !string.IsNullOrEmpty(p.Spec?.NodeName));
        var ready = pods.Count(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
        return $"{pods.Count} created, {bound} bound, {ready} ready";
    }

    private static async Task<int> CountReadyAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        var ready = 0;
        string? next = null;
        do
        {
            var page = await client.CustomObjects.ListClusterCustomObjectAsync<IsolatedWorkloadList>(
                ApiGroup.Group, ApiGroup.Version, IsolatedWorkload.Plural, continueParameter: next, limit: 500, cancellationToken: cancellationToken);
            ready += page.Items.Count(IsReady);
            next = page.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(next));
        return ready;
    }

    private static bool IsReady(IsolatedWorkload workload) =>
        workload.Status?.ObservedGeneration == workload.Metadata.Generation
        && workload.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static IsolatedWorkload NanoServer(string ns, string name, int replicas) => new()
    {
        ApiVersion = $"{ApiGroup.Group}/{ApiGroup.Version}",
        Kind = IsolatedWorkload.KindName,
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new IsolatedWorkloadSpec
        {
            Replicas = replicas,
            Os = new OsSelection { Flavor = OsFlavor.NanoServer, Version = WindowsVersion.Ltsc2022 },
            Strategy = new UpdateStrategy
            {
                Type = UpdateStrategyType.RollingUpdate,
                RollingUpdate = new RollingUpdateSettings { MaxSurge = 1, MaxUnavailable = 0 },
            },
            Template = new WorkloadTemplate
            {
                Labels = new Dictionary<string, string> { ["app"] = name },
                Containers =
                [
                    new WorkloadContainer
                    {
                        Name = "app",
                        Resources = new ContainerResources
                        {
                            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["memory"] = new("256Mi") },
                            Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1"), ["memory"] = new("512Mi") },
                        },
                    },
                ],
            },
        },
    };
}
