using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.LocalCluster.Options;
using HyperVIsolation.LocalCluster.Running;
using HyperVIsolation.SimulatedNodes.Pool;
using HyperVIsolation.SimulatedNodes.Scheduling;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using ApiServerHost = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.LocalCluster.Tests.Running;

/// <summary>
/// <c>--kubeconfig</c> against a separately started local API server, treated as someone else's cluster:
/// it has objects of its own and its own scheduler (the simulated one, standing in for kube-scheduler).
/// </summary>
public sealed class AttachedClusterTests : IAsyncLifetime, IDisposable
{
    private const string ForeignNode = "linux-0";
    private static readonly TimeSpan ReadyWait = TimeSpan.FromSeconds(120);
    private readonly CancellationTokenSource schedulerStop = new();
    private ApiServerHost? server;
    private Kubernetes? client;
    private Task scheduler = Task.CompletedTask;

    private ApiServerHost Server => server ?? throw new InvalidOperationException("not started");

    private Kubernetes Client => client ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        server = await ApiServerHost.StartAsync(new LocalApiServerOptions(), CancellationToken.None);
        client = server.CreateClient();
        var schedulerOptions = new SchedulerLoopOptions { RetryInterval = TimeSpan.FromMilliseconds(500), WatchRetryDelay = TimeSpan.FromMilliseconds(200) };
        var loop = new SchedulerLoop(server.CreateClient(), schedulerOptions, TimeProvider.System, NullLogger.Instance);
        scheduler = Task.Run(() => loop.RunAsync(schedulerStop.Token));

        // The cluster's own objects, which the attached run must leave alone.
        await Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = ForeignNode, Labels = new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" } } });
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "theirs" }, Data = new Dictionary<string, string> { ["k"] = "v" } }, "default");
    }

    public async Task DisposeAsync()
    {
        await schedulerStop.CancelAsync();
        try
        {
            await scheduler;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        client?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    public void Dispose() => schedulerStop.Dispose();

    [Fact]
    public async Task RunAsync_Attached_NodesJoinPodsRunAndCancellationRemovesExactlyItsNodes()
    {
        var output = new StringWriter();
        using var synchronized = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource();
        var poolNodes = SimulatedNodeProvisioner.NodeNames(await NodePoolConfigReader.ReadFileAsync(DefaultPool, CancellationToken.None));

        var run = new LocalClusterRunner(synchronized, interactive: false, NullLoggerFactory.Instance)
            .RunAsync(new LocalClusterOptions { KubeconfigPath = Server.KubeconfigPath, Timeout = ReadyWait }, stop.Token);
        await WaitForAsync(() => run.IsCompleted || output.ToString().Contains("Press Ctrl+C", StringComparison.Ordinal));

        run.IsCompleted.Should().BeFalse($"it serves until stopped once everything is Ready\n{output}");
        output.ToString().Should().Contain("All 3 sample workloads are Ready").And.Contain("Webhook        not registered");
        (await NodeNamesAsync()).Should().BeEquivalentTo(poolNodes.Append(ForeignNode));
        var pods = (await Client.CoreV1.ListNamespacedPodAsync("tenant-untrusted")).Items;
        pods.Should().NotBeEmpty().And.OnlyContain(p => poolNodes.Contains(p.Spec.NodeName) && p.Status.Phase == "Running", output.ToString());

        await stop.CancelAsync();
        var exitCode = await run;

        exitCode.Should().Be(ExitCodes.Success, output.ToString());
        (await NodeNamesAsync()).Should().Equal([ForeignNode], "exactly its own Nodes are removed");
        (await Client.CoordinationV1.ListNamespacedLeaseAsync("kube-node-lease")).Items.Select(l => l.Metadata.Name).Should().BeEmpty();
        (await Client.CoreV1.ReadNamespacedConfigMapAsync("theirs", "default")).Data.Should().Contain("k", "v");
        (await Client.CustomObjects.ListNamespacedCustomObjectAsync<HyperVIsolation.Api.V1Alpha1.IsolatedWorkloadList>("isolation.hyperv.dev", "v1alpha1", "tenant-untrusted", "isolatedworkloads"))
            .Items.Should().HaveCount(3, "the samples it applied stay");
        output.ToString().Should().Contain($"Removed Nodes {string.Join(", ", poolNodes)} and their Leases");
    }

    [Fact]
    public async Task RunAsync_PoolNodeNameTaken_RefusesTouchingNothing()
    {
        await Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = "ltsc2022-1", Labels = new Dictionary<string, string> { ["owner"] = "them" } } });
        using var output = new StringWriter();

        var exitCode = await new LocalClusterRunner(output, interactive: false, NullLoggerFactory.Instance)
            .RunAsync(new LocalClusterOptions { KubeconfigPath = Server.KubeconfigPath, ExitWhenReady = true, Timeout = ReadyWait }, CancellationToken.None);

        exitCode.Should().Be(ExitCodes.Failure);
        output.ToString().Should().Contain("already has a Node or node Lease named ltsc2022-1").And.NotContain("Nodes          ");
        (await NodeNamesAsync()).Should().BeEquivalentTo([ForeignNode, "ltsc2022-1"]);
        (await Client.CoreV1.ReadNodeAsync("ltsc2022-1")).Metadata.Labels.Should().Equal(new Dictionary<string, string> { ["owner"] = "them" });
    }

    [Fact]
    public async Task RunAsync_OperatorNoneWithoutTheCrds_SaysToInstallTheChartAndStartsNoNode()
    {
        using var output = new StringWriter();

        var exitCode = await new LocalClusterRunner(output, interactive: false, NullLoggerFactory.Instance).RunAsync(
            new LocalClusterOptions { KubeconfigPath = Server.KubeconfigPath, Operator = OperatorMode.None, ExitWhenReady = true, Timeout = ReadyWait }, CancellationToken.None);

        exitCode.Should().Be(ExitCodes.Failure);
        output.ToString().Should().Contain("is not installed, so the operator is not either: install the chart, or run with --operator in-process");
        (await NodeNamesAsync()).Should().Equal(ForeignNode);
        (await Client.ApiextensionsV1.ListCustomResourceDefinitionAsync()).Items.Should().BeEmpty("--operator none creates no CRD");
    }

    [Fact]
    public async Task RunAsync_KubeconfigNotAKubeconfig_UsageErrorNamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-kubeconfig-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(path, "just: [text");
        using var output = new StringWriter();
        try
        {
            var exitCode = await new LocalClusterRunner(output, interactive: false, NullLoggerFactory.Instance)
                .RunAsync(new LocalClusterOptions { KubeconfigPath = path, ExitWhenReady = true }, CancellationToken.None);

            exitCode.Should().Be(ExitCodes.Usage);
            output.ToString().Should().StartWith($"error: --kubeconfig: '{path}' is not a usable kubeconfig");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string DefaultPool => Path.Combine(AppContext.BaseDirectory, LocalClusterOptions.DefaultNodePoolFileName);

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + ReadyWait + TimeSpan.FromSeconds(30);
        while (!condition() && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
    }

    private async Task<List<string>> NodeNamesAsync() => [.. (await Client.CoreV1.ListNodeAsync()).Items.Select(n => n.Metadata.Name)];
}
