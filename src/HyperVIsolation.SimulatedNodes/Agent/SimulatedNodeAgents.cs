using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.NodeAgent.Hcs;
using HyperVIsolation.NodeAgent.Hosting;
using HyperVIsolation.NodeAgent.Inspection;
using HyperVIsolation.NodeAgent.Uninstall;
using HyperVIsolation.SimulatedNodes.Pool;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HyperVIsolation.SimulatedNodes.Agent;

/// <summary>
/// One real node agent per simulated node, in process: the agent's own host and code, given the simulated
/// node's host facts, containerd service and config file through the agent's interfaces.
/// </summary>
public sealed class SimulatedNodeAgents : IAsyncDisposable
{
    private readonly List<IHost> hosts;

    private SimulatedNodeAgents(List<IHost> hosts, IReadOnlyDictionary<string, SimulatedContainerdService> containerd)
    {
        this.hosts = hosts;
        Containerd = containerd;
    }

    /// <summary>Each node's containerd, by node name (tests count restarts).</summary>
    public IReadOnlyDictionary<string, SimulatedContainerdService> Containerd { get; }

    /// <summary>Starts an agent for every node of <paramref name="cluster"/>.</summary>
    /// <param name="cluster">The simulated nodes.</param>
    /// <param name="createClient">A new API client per agent (each agent owns and disposes its own, as in a cluster).</param>
    /// <param name="loggers">Where the agents log; nowhere when <see langword="null"/>.</param>
    /// <param name="configure">Adjusts each agent's options (tests shorten the intervals).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<SimulatedNodeAgents> StartAsync(
        SimulatedNodeCluster cluster,
        Func<IKubernetes> createClient,
        ILoggerFactory? loggers = null,
        Func<NodeAgentOptions, NodeAgentOptions>? configure = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(createClient);
        var hosts = new List<IHost>();
        var containerd = new Dictionary<string, SimulatedContainerdService>(StringComparer.Ordinal);
        try
        {
            foreach (var node in cluster.Nodes)
            {
                var service = new SimulatedContainerdService(node, TimeSpan.FromMilliseconds(500));
                containerd[node.Name] = service;
                var options = new NodeAgentOptions { NodeName = node.Name, ContainerdConfigPath = node.ContainerdConfigPath };
                var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
                builder.Services.AddLogging();
                if (loggers is not null)
                {
                    builder.Services.AddSingleton(loggers);
                }

                builder.Services.AddSingleton(_ => createClient());
                builder.Services.AddSingleton<IHostInspector>(new SimulatedHostInspector(node));
                builder.Services.AddSingleton<IContainerdService>(service);
                builder.Services.AddSingleton(node.CriEndpoint);
                builder.Services.AddSingleton<IHostComputeService>(node.Hcs);
                builder.Services.AddNodeAgent(configure?.Invoke(options) ?? options);
                var host = builder.Build();
                hosts.Add(host);
                await host.StartAsync(cancellationToken);
            }
        }
        catch
        {
            await new SimulatedNodeAgents(hosts, containerd).DisposeAsync();
            throw;
        }

        return new SimulatedNodeAgents(hosts, containerd);
    }

    /// <summary>
    /// Runs the agent's uninstall on <paramref name="node"/>, as <c>--uninstall</c> does on a Windows node once the
    /// node's agent has stopped (stop the agents first: a running agent configures the node again).
    /// </summary>
    /// <param name="node">The simulated node.</param>
    /// <param name="client">The API client.</param>
    /// <param name="containerd">The node's containerd (tests count its restarts).</param>
    /// <param name="cancellationToken">Cancels the uninstall.</param>
    public static Task<UninstallReport> UninstallAsync(SimulatedNode node, IKubernetes client, SimulatedContainerdService containerd, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        var options = new NodeAgentOptions { NodeName = node.Name, ContainerdConfigPath = node.ContainerdConfigPath };
        return new NodeUninstaller(client, containerd, options, NullLogger<NodeUninstaller>.Instance).UninstallAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await host.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopping took too long: disposing ends what is left.
            }

            host.Dispose();
        }
    }
}
