using HyperVIsolation.Api.Text;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.LocalApiServer.Hosting;
using HyperVIsolation.LocalCluster.Manifests;
using HyperVIsolation.LocalCluster.Options;
using HyperVIsolation.LocalCluster.Placement;
using HyperVIsolation.LocalCluster.Progress;
using HyperVIsolation.SimulatedNodes;
using HyperVIsolation.SimulatedNodes.Agent;
using HyperVIsolation.SimulatedNodes.Pool;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.LocalCluster.Running;

/// <summary>
/// The main job, start to end: API server, simulated nodes, operator, CRDs, samples, progress until
/// Ready, the placement table, then serving the kubeconfig until stopped. Components stop in reverse
/// order of start (operator, nodes, server) whatever happens. With <c>--kubeconfig</c> the nodes join
/// an existing cluster instead of a local API server (LocalClusterRunner.Attach.cs).
/// </summary>
/// <param name="output">Where the user-facing output goes.</param>
/// <param name="interactive">Whether <paramref name="output"/> is a terminal (redrawn progress) or not (plain lines).</param>
/// <param name="loggers">Component logs (<c>--verbose</c>).</param>
internal sealed partial class LocalClusterRunner(TextWriter output, bool interactive, ILoggerFactory loggers)
{
    private readonly ILogger logger = loggers.CreateLogger<LocalClusterRunner>();
    private readonly Stack<(string Name, Func<ValueTask> Stop)> started = new();

    /// <summary>Runs the local cluster; returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    public async Task<int> RunAsync(LocalClusterOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (layout, errors) = LocalClusterLayout.Resolve(options, Environment.CurrentDirectory, AppContext.BaseDirectory);
        if (layout is null)
        {
            return Usage(errors);
        }

        NodePoolConfig pool;
        IReadOnlyList<Manifest> crds, samples;
        try
        {
            pool = await NodePoolConfigReader.ReadFileAsync(layout.NodePoolPath, cancellationToken);
            crds = await ManifestReader.ReadDirectoryAsync(layout.CrdDirectory, cancellationToken);
            samples = ManifestOrder.Sort(await ManifestReader.ReadDirectoryAsync(layout.SamplesDirectory, cancellationToken));
        }
        catch (Exception e) when (e is NodePoolConfigException or InvalidDataException or IOException)
        {
            return Usage([e.Message]);
        }

        try
        {
            return layout.KubeconfigPath is { } kubeconfig
                ? await RunAttachedAsync(options, kubeconfig, pool, crds, samples, cancellationToken)
                : await RunClusterAsync(options, pool, crds, samples, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync("Interrupted before every sample was Ready.");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or k8s.Autorest.HttpOperationException or HttpRequestException or IOException)
        {
            LocalClusterLog.Failed(logger, e);
            await output.WriteLineAsync($"error: {ApiErrorText.From(e)}");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // A bug, not a user error: show all of it rather than a tidy line that hides the cause.
            LocalClusterLog.Failed(logger, e);
            await output.WriteLineAsync($"error: unexpected failure: {e}");
            return ExitCodes.Failure;
        }
        finally
        {
            await StopAllAsync();
        }
    }

    private async Task<int> RunClusterAsync(
        LocalClusterOptions options, NodePoolConfig pool, IReadOnlyList<Manifest> crds, IReadOnlyList<Manifest> samples, CancellationToken cancellationToken)
    {
        var server = await ApiServer.StartAsync(new LocalApiServerOptions { LoggerFactory = loggers }, cancellationToken);
        started.Push(("the local API server", server.DisposeAsync));
        LocalClusterLog.ApiServerStarted(logger, server.BaseUri, server.KubeconfigPath);
        await output.WriteLineAsync($"API server     {server.BaseUri} (HTTPS)");
        await output.WriteLineAsync($"  export KUBECONFIG={server.KubeconfigPath}");

        // The nodes keep using this client until they stop, so it is disposed after them, before the server.
        var client = server.CreateClient();
        started.Push(("the API client", DisposeClient));
        ValueTask DisposeClient()
        {
            client.Dispose();
            return ValueTask.CompletedTask;
        }

        var kinds = ResourceKindTable.WithBuiltIns();
        var installer = new ManifestInstaller(client, kinds);
        var installed = await installer.InstallCrdsAsync(crds.Select(c => (V1CustomResourceDefinition)c.Object), cancellationToken);
        await output.WriteLineAsync($"CRDs           {string.Join(", ", installed.Select(c => c.Metadata.Name))} (Established)");

        var nodes = await SimulatedNodeCluster.StartAsync(client, pool, SimulatedNodeSettings.Fast(loggers), cancellationToken);
        started.Push(("the simulated nodes", nodes.DisposeAsync));
        server.ContainerLogs = new SimulatedContainerLogSource(nodes);
        LocalClusterLog.NodesStarted(logger, nodes.Nodes.Count);
        await output.WriteLineAsync($"Nodes          {NodePoolDescription.Describe(pool)}");

        var agents = await SimulatedNodeAgents.StartAsync(nodes, server.CreateClient, loggers, cancellationToken: cancellationToken);
        started.Push(("the node agents", agents.DisposeAsync));
        await output.WriteLineAsync($"Node agents    {await NodeAgentProgress.DescribeAsync(client, nodes, agents, TimeSpan.FromSeconds(30), cancellationToken)}");

        var operatorHost = await InProcessOperator.StartAsync(server.KubeconfigPath, options.Verbose, registerWebhook: true, cancellationToken);
        started.Push(("the operator", operatorHost.DisposeAsync));
        LocalClusterLog.OperatorStarted(logger, operatorHost.MetricsUri);
        await output.WriteLineAsync($"Operator       IsolatedWorkload, RuntimeClass and IsolationPolicy (NetworkPolicy) controllers active; metrics {operatorHost.MetricsUri}metrics");
        await output.WriteLineAsync($"Webhook        {await AdmissionWebhookProbe.DescribeAsync(client, cancellationToken)}");
        return await RunSamplesAsync(options, samples, client, installer, nodes, server.KubeconfigPath, "Stopping: operator, nodes, API server.", cancellationToken);
    }

    // Shared by both modes once the nodes, their agents and an operator run: apply the samples, show
    // them becoming Ready and where they ran, then serve until stopped.
    private async Task<int> RunSamplesAsync(
        LocalClusterOptions options, IReadOnlyList<Manifest> samples, IKubernetes client, ManifestInstaller installer, SimulatedNodeCluster nodes, string kubeconfigPath, string stopping,
        CancellationToken cancellationToken)
    {
        await output.WriteLineAsync();
        var outcomes = await ApplySamplesAsync(installer, samples, options.Namespace, cancellationToken);
        var workloads = outcomes.Where(o => o.Succeeded && o.Manifest.Object.Kind == IsolatedWorkload.KindName)
            .Select(o => new WorkloadKey(o.Manifest.Object.Metadata.NamespaceProperty, o.Manifest.Object.Metadata.Name)).ToList();
        var failedWorkloads = outcomes.Count(o => !o.Succeeded && o.Manifest.Object.Kind == IsolatedWorkload.KindName);

        await output.WriteLineAsync();
        var display = interactive ? (IProgressDisplay)new TerminalProgressDisplay(output) : new PlainProgressDisplay(output, TimeProvider.System);
        var watcher = new ReadinessWatcher(client, TimeProvider.System, TimeSpan.FromMilliseconds(250));
        var result = await watcher.WaitAllReadyAsync(workloads, display, options.Timeout, cancellationToken);
        if (!result.AllReady || failedWorkloads > 0)
        {
            await WriteNotReadyAsync(result, failedWorkloads, options.Timeout);
            return ExitCodes.Failure;
        }

        await output.WriteLineAsync($"All {workloads.Count} sample workloads are Ready. What ran where:");
        await output.WriteLineAsync();
        var placement = await new PlacementCollector(client, new SimulatedUtilityVmInspector(nodes)).CollectAsync(workloads, cancellationToken);
        foreach (var line in PlacementTable.Format(placement))
        {
            await output.WriteLineAsync(line);
        }

        await output.WriteLineAsync();
        foreach (var line in await NetworkPolicySummary.DescribeAsync(client, workloads.Select(w => w.Namespace), cancellationToken))
        {
            await output.WriteLineAsync(line);
        }

        await output.WriteLineAsync();
        return await ServeUntilStoppedAsync(options, kubeconfigPath, stopping, cancellationToken);
    }

    private async Task<IReadOnlyList<ApplyOutcome>> ApplySamplesAsync(
        ManifestInstaller installer, IReadOnlyList<Manifest> samples, string defaultNamespace, CancellationToken cancellationToken)
    {
        var outcomes = new List<ApplyOutcome>();
        foreach (var sample in samples)
        {
            // The default namespace must exist before the first namespaced sample lands in it.
            if (sample.Object.Kind != "Namespace" && outcomes.All(o => o.Manifest.Object.Kind == "Namespace")
                && await installer.EnsureNamespaceAsync(defaultNamespace, cancellationToken))
            {
                await output.WriteLineAsync($"namespace/{defaultNamespace} created (default namespace for the samples)");
            }

            var outcome = (await installer.ApplyAsync([sample], defaultNamespace, cancellationToken))[0];
            outcomes.Add(outcome);
            LocalClusterLog.Applied(logger, sample.DisplayName, sample.SourceFile, outcome.Action);
            var where = string.IsNullOrEmpty(sample.Object.Metadata.NamespaceProperty) ? string.Empty : $" in {sample.Object.Metadata.NamespaceProperty}";
            await output.WriteLineAsync(outcome.Succeeded
                ? $"{sample.DisplayName.ToLowerInvariant()}{where} {outcome.Action}"
                : $"error: {sample.DisplayName}{where} from {Path.GetFileName(sample.SourceFile)}: {outcome.Error}");
        }

        return outcomes;
    }

    private async Task WriteNotReadyAsync(ReadinessResult result, int failedWorkloads, TimeSpan timeout)
    {
        if (failedWorkloads > 0)
        {
            await output.WriteLineAsync($"{failedWorkloads} sample workload(s) could not be applied (see the errors above).");
        }

        if (!result.AllReady)
        {
            await output.WriteLineAsync($"Not Ready after {GoDuration.Format(timeout)}:");
            foreach (var line in ProgressFormatter.NotReadySummary(result.Rows))
            {
                await output.WriteLineAsync(line);
            }
        }
    }

    private async Task<int> ServeUntilStoppedAsync(LocalClusterOptions options, string kubeconfigPath, string stopping, CancellationToken cancellationToken)
    {
        if (options.ExitWhenReady)
        {
            return ExitCodes.Success;
        }

        await output.WriteLineAsync("The cluster keeps running. In another shell:");
        await output.WriteLineAsync($"  export KUBECONFIG={kubeconfigPath}");
        await output.WriteLineAsync("  kubectl get isolatedworkloads,pods -A -o wide");
        await output.WriteLineAsync("Press Ctrl+C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await output.WriteLineAsync(stopping);
        }

        return ExitCodes.Success;
    }

    private int Usage(IReadOnlyList<string> errors)
    {
        foreach (var error in errors)
        {
            output.WriteLine($"error: {error}");
        }

        return ExitCodes.Usage;
    }

    private async Task StopAllAsync()
    {
        while (started.TryPop(out var entry))
        {
            try
            {
                await entry.Stop();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Shutdown goes on so the next component still stops.
                LocalClusterLog.StopFailed(logger, e, entry.Name);
            }
        }
    }
}
