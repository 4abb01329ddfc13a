using HyperVIsolation.SimulatedNodes.Cri;
using HyperVIsolation.SimulatedNodes.Kubelet;
using HyperVIsolation.SimulatedNodes.Pool;
using HyperVIsolation.SimulatedNodes.Scheduling;
using k8s;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.SimulatedNodes;

/// <summary>
/// Simulated Windows nodes attached to an API server, like kwok: provisions the pool, registers the
/// nodes and keeps their heartbeats, runs the scheduler, one kubelet per node and one CRI server per
/// node on <see cref="SimulatedNode.CriSocketPath"/>. Talks to the API
/// server only through <see cref="IKubernetes"/>, so it works against the local API server and any
/// real cluster. Dispose to stop (nodes stay registered, as they would after a kubelet stops).
/// </summary>
public sealed class SimulatedNodeCluster : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> loops = [];
    private readonly List<SimulatedCriServer> criServers = [];
    private readonly Dictionary<string, SimulatedNode> byName;

    private SimulatedNodeCluster(IReadOnlyList<SimulatedNode> nodes)
    {
        Nodes = nodes;
        byName = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
    }

    /// <summary>Every simulated node, in pool order.</summary>
    public IReadOnlyList<SimulatedNode> Nodes { get; }

    /// <summary>A node by name.</summary>
    /// <exception cref="KeyNotFoundException">No such node.</exception>
    public SimulatedNode this[string nodeName] => byName[nodeName];

    /// <summary>Provisions and registers the pool with default options, then starts every loop.</summary>
    public static Task<SimulatedNodeCluster> StartAsync(IKubernetes client, NodePoolConfig pool, CancellationToken cancellationToken) =>
        StartAsync(client, pool, new SimulatedNodeClusterOptions(), cancellationToken);

    /// <summary>Provisions and registers the pool, then starts the CRI servers, heartbeats, the scheduler and the kubelets.</summary>
    /// <exception cref="NodePoolConfigException">The pool config is invalid.</exception>
    public static async Task<SimulatedNodeCluster> StartAsync(
        IKubernetes client, NodePoolConfig pool, SimulatedNodeClusterOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(options);
        var nodes = await SimulatedNodeProvisioner.ProvisionAsync(pool, options.TimeProvider, cancellationToken);
        var cluster = new SimulatedNodeCluster(nodes);
        try
        {
            await cluster.StartNodesAsync(client, pool, options, cancellationToken);
        }
        catch
        {
            // Whatever started (sockets, loops) must not outlive a failed start.
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            await Task.WhenAll(loops);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        foreach (var server in criServers)
        {
            await server.DisposeAsync();
        }

        stopping.Dispose();
    }

    private async Task StartNodesAsync(IKubernetes client, NodePoolConfig pool, SimulatedNodeClusterOptions options, CancellationToken cancellationToken)
    {
        var heartbeatLogger = options.LoggerFactory.CreateLogger<NodeHeartbeat>();
        var kubeletLogger = options.LoggerFactory.CreateLogger<KubeletLoop>();
        var token = stopping.Token;
        foreach (var node in Nodes)
        {
            // Before the kubelet: the node agent may connect as soon as the node exists.
            criServers.Add(await SimulatedCriServer.StartAsync(node.CriSocketPath, node.Runtime, options.TimeProvider, cancellationToken));
            var heartbeat = new NodeHeartbeat(client, node, pool, options.TimeProvider, heartbeatLogger, options.AdoptExistingNodes);
            await heartbeat.RegisterAsync(cancellationToken);
            loops.Add(Task.Run(() => heartbeat.RunAsync(token), CancellationToken.None));
            var kubelet = new KubeletLoop(client, node, options.Kubelet, options.TimeProvider, kubeletLogger);
            loops.Add(Task.Run(() => kubelet.RunAsync(token), CancellationToken.None));
        }

        if (options.RunScheduler)
        {
            var scheduler = new SchedulerLoop(client, options.Scheduler, options.TimeProvider, options.LoggerFactory.CreateLogger<SchedulerLoop>());
            loops.Add(Task.Run(() => scheduler.RunAsync(token), CancellationToken.None));
        }
    }
}
