using System.Diagnostics;
using HyperVIsolation.Api;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.Operator.Hosting;
using k8s;
using k8s.Models;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Bench.Failover;

/// <summary>
/// Two operator replicas in this process against the local API server: the leader is killed (cut off from the API
/// server, so it neither renews nor releases the Lease) and the time until the follower leads and until its first
/// reconcile begins is measured; each run then starts a fresh follower. One workload exists, so the new leader's
/// queue has a key to reconcile as soon as it leads.
/// </summary>
internal static class FailoverBenchmark
{
    /// <summary>Runs <see cref="FailoverBenchmarkSettings.Runs"/> failovers.</summary>
    public static async Task<IReadOnlyList<FailoverRun>> RunAsync(FailoverBenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var random = new Random(settings.Seed);
        var deadline = settings.LeaseDuration * 3;
        await using var server = await ApiServer.StartAsync(new LocalApiServerOptions(), cancellationToken);
        using var client = server.CreateClient();
        await InstallCrdsAsync(client, cancellationToken);
        await CreateWorkloadAsync(client, cancellationToken);

        var leader = await FailoverReplica.StartAsync("replica-0", server, settings, cancellationToken);
        await leader.FirstReconcile.WaitAsync(deadline, cancellationToken);
        var runs = new List<FailoverRun>();
        try
        {
            for (var run = 1; run <= settings.Runs; run++)
            {
                var follower = await FailoverReplica.StartAsync($"replica-{run}", server, settings, cancellationToken);
                while (!follower.IsStandingBy)
                {
                    await Task.Delay(20, cancellationToken);
                }

                var pause = settings.RetryPeriod * random.NextDouble() * 2;
                await Task.Delay(pause, cancellationToken);
                var killed = Stopwatch.GetTimestamp();
                leader.Kill();
                var leading = await follower.Leading.WaitAsync(deadline, cancellationToken);
                var reconciled = await follower.FirstReconcile.WaitAsync(deadline, cancellationToken);
                runs.Add(new FailoverRun(pause, Stopwatch.GetElapsedTime(killed, leading), Stopwatch.GetElapsedTime(killed, reconciled)));
                Console.WriteLine($"run {run}: leading after {runs[^1].ToLeading.TotalSeconds:F2} s, first reconcile after {runs[^1].ToFirstReconcile.TotalSeconds:F2} s");
                await leader.DisposeAsync();
                leader = follower;
            }
        }
        finally
        {
            await leader.DisposeAsync();
        }

        return runs;
    }

    private static async Task InstallCrdsAsync(Kubernetes client, CancellationToken cancellationToken)
    {
        foreach (var crd in HyperVIsolation.Operator.Manifests.ManifestRenderer.RenderApi().Crds)
        {
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesYaml.Deserialize<V1CustomResourceDefinition>(crd.Content), cancellationToken: cancellationToken);
        }
    }

    private static async Task CreateWorkloadAsync(Kubernetes client, CancellationToken cancellationToken)
    {
        var workload = new IsolatedWorkload
        {
            ApiVersion = $"{ApiGroup.Group}/{ApiGroup.Version}",
            Kind = IsolatedWorkload.KindName,
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
            Spec = new IsolatedWorkloadSpec
            {
                Replicas = 1,
                Template = new WorkloadTemplate { Containers = [new WorkloadContainer { Name = "app", Image = "mcr.microsoft.com/windows/nanoserver:ltsc2022" }] },
            },
        };
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(workload, ApiGroup.Group, ApiGroup.Version, "default", IsolatedWorkload.Plural, cancellationToken: cancellationToken);
    }
}
