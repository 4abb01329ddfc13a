using System.Globalization;
using System.Text;

namespace HyperVIsolation.SimulatedNodes.Pool;

/// <summary>Creates the simulated nodes of a pool: names, directories and containerd config files.</summary>
public static class SimulatedNodeProvisioner
{
    /// <summary>The file name of each node's CRI socket, as containerd names its own.</summary>
    public const string CriSocketFileName = "containerd.sock";

    // sockaddr_un.sun_path holds 108 bytes on Linux (104 on macOS) including the terminating NUL.
    private const int MaxUnixSocketPathBytes = 103;

    /// <summary>The names the nodes of <paramref name="config"/> get, in pool order: <c>&lt;group&gt;-&lt;index&gt;</c>.</summary>
    public static IReadOnlyList<string> NodeNames(NodePoolConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return [.. config.Groups.SelectMany(group => Enumerable.Range(0, group.Count).Select(i => NodeName(group, i)))];
    }

    /// <summary>Creates every node of <paramref name="config"/> (validated first).</summary>
    /// <exception cref="NodePoolConfigException">The config is invalid.</exception>
    public static async Task<IReadOnlyList<SimulatedNode>> ProvisionAsync(
        NodePoolConfig config, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var errors = NodePoolConfigValidator.Validate(config);
        if (errors.Count > 0)
        {
            throw new NodePoolConfigException(errors);
        }

        var root = config.WorkingDirectory ?? Directory.CreateTempSubdirectory("hyperv-isolation-nodes-").FullName;
        var nodes = new List<SimulatedNode>();
        string? shortSocketRoot = null;
        foreach (var group in config.Groups)
        {
            group.TryGetBuild(out var build);
            for (var i = 0; i < group.Count; i++)
            {
                var name = NodeName(group, i);
                var directory = Path.Combine(root, name);
                var configPath = await SimulatedContainerdConfig.WriteAsync(Path.Combine(directory, "containerd"), group, cancellationToken);
                var socketPath = Path.Combine(directory, CriSocketFileName);
                if (!FitsUnixSocketPath(socketPath))
                {
                    // A long working directory cannot hold a bindable socket; keep the socket in a short
                    // temporary directory instead, one file per node.
                    shortSocketRoot ??= Directory.CreateTempSubdirectory("cri-").FullName;
                    socketPath = Path.Combine(shortSocketRoot, name + ".sock");
                }

                nodes.Add(new SimulatedNode(name, nodes.Count, group, build, directory, configPath, socketPath, timeProvider));
            }
        }

        return nodes;
    }

    private static string NodeName(NodeGroupConfig group, int index) => string.Create(CultureInfo.InvariantCulture, $"{group.Name}-{index}");

    /// <summary>Whether <paramref name="path"/> fits in a unix socket address.</summary>
    internal static bool FitsUnixSocketPath(string path) => Encoding.UTF8.GetByteCount(path) <= MaxUnixSocketPathBytes;
}
