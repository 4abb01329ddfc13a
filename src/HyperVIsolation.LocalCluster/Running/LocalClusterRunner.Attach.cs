using HyperVIsolation.LocalCluster.Manifests;
using HyperVIsolation.LocalCluster.Options;
using HyperVIsolation.LocalCluster.Progress;
using HyperVIsolation.SimulatedNodes;
using HyperVIsolation.SimulatedNodes.Agent;
using HyperVIsolation.SimulatedNodes.Pool;
using k8s;
using k8s.Models;

namespace HyperVIsolation.LocalCluster.Running;

/// <summary>
/// <c>--kubeconfig</c>: the simulated Windows nodes and their agents join an existing cluster, like
/// kwok, whose own scheduler places the pods. Nothing of the cluster is deleted except what this
/// run created and says so: the pool's Nodes and their Leases, removed on stop. CRDs it had to
/// create, the samples and what the operator made from them stay.
/// </summary>
internal sealed partial class LocalClusterRunner
{
    private async Task<int> RunAttachedAsync(
        LocalClusterOptions options, string kubeconfigPath, NodePoolConfig pool, IReadOnlyList<Manifest> crds, IReadOnlyList<Manifest> samples,
        CancellationToken cancellationToken)
    {
        KubernetesClientConfiguration configuration;
        try
        {
            configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath);
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException or YamlDotNet.Core.YamlException)
        {
            return Usage([$"--kubeconfig: '{kubeconfigPath}' is not a usable kubeconfig: {e.Message}"]);
        }

        var client = new Kubernetes(configuration);
        started.Push(("the API client", DisposeClient));
        ValueTask DisposeClient()
        {
            client.Dispose();
            return ValueTask.CompletedTask;
        }

        await output.WriteLineAsync($"Cluster        {configuration.Host} (attached with {kubeconfigPath})");

        var installer = new ManifestInstaller(client, ResourceKindTable.WithBuiltIns());
        var createdCrds = await installer.EnsureCrdsAsync(crds.Select(c => (V1CustomResourceDefinition)c.Object), options.Operator == OperatorMode.InProcess, cancellationToken);
        await output.WriteLineAsync(createdCrds.Count == 0
            ? "CRDs           already installed (left as they are)"
            : $"CRDs           {string.Join(", ", createdCrds)} created (Established; left in place on stop)");
        if (options.Operator == OperatorMode.InProcess && await AdmissionWebhookProbe.CountOursAsync(client, cancellationToken) > 0)
        {
            throw new InvalidOperationException(
                "the cluster already runs the operator (its admission webhooks are registered); a second one here would reconcile the same objects: use --operator none.");
        }

        var attachment = await ClusterAttachment.ClaimAsync(client, pool, cancellationToken);
        started.Push(("removing the simulated nodes", () => RemoveNodesAsync(attachment)));

        // The cluster's own scheduler places the pods; a second one would race it for every pending pod.
        var settings = SimulatedNodeSettings.Fast(loggers) with { RunScheduler = false, AdoptExistingNodes = false };
        var nodes = await SimulatedNodeCluster.StartAsync(client, pool, settings, cancellationToken);
        started.Push(("the simulated nodes", nodes.DisposeAsync));
        await attachment.RecordAsync(cancellationToken);
        LocalClusterLog.NodesStarted(logger, nodes.Nodes.Count);
        await output.WriteLineAsync($"Nodes          {NodePoolDescription.Describe(pool)}; removed on stop");

        var agents = await SimulatedNodeAgents.StartAsync(nodes, () => new Kubernetes(configuration), loggers, cancellationToken: cancellationToken);
        started.Push(("the node agents", agents.DisposeAsync));
        await output.WriteLineAsync($"Node agents    {await NodeAgentProgress.DescribeAsync(client, nodes, agents, TimeSpan.FromSeconds(30), cancellationToken)}");

        if (options.Operator == OperatorMode.InProcess)
        {
            var operatorHost = await InProcessOperator.StartAsync(kubeconfigPath, options.Verbose, registerWebhook: false, cancellationToken);
            started.Push(("the operator", operatorHost.DisposeAsync));
            LocalClusterLog.OperatorStarted(logger, operatorHost.MetricsUri);
            await output.WriteLineAsync($"Operator       in this process: IsolatedWorkload, RuntimeClass and IsolationPolicy controllers active; metrics {operatorHost.MetricsUri}metrics");
            await output.WriteLineAsync("Webhook        not registered: the cluster's API server cannot call into this process, so pods are not mutated or validated at admission (install the chart for that)");
        }
        else
        {
            await output.WriteLineAsync("Operator       the cluster's own (--operator none)");
            await output.WriteLineAsync($"Webhook        {await AdmissionWebhookProbe.DescribeAsync(client, cancellationToken)}");
        }

        return await RunSamplesAsync(options, samples, client, installer, nodes, kubeconfigPath, "Stopping: operator, node agents, nodes (removing them from the cluster).", cancellationToken);
    }

    private async ValueTask RemoveNodesAsync(ClusterAttachment attachment)
    {
        // Runs after the nodes stopped (no heartbeat re-creates a Lease), even when the run was cancelled.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var removed = await attachment.RemoveAsync(timeout.Token);
        await output.WriteLineAsync(removed.Count == 0
            ? "Removed no Node (none of the pool's was registered)."
            : $"Removed Nodes {string.Join(", ", removed)} and their Leases; the samples and what the operator made from them stay (kubectl delete -k config/samples).");
    }
}
