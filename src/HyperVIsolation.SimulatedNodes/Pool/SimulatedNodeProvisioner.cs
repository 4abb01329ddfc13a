using System.Globalization;

namespace HyperVIsolation.SimulatedNodes.Pool;

/// <summary>Creates the simulated nodes of a pool: names, directories and containerd config files.</summary>
public static class SimulatedNodeProvisioner
{
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
        foreach (var group in config.Groups)
        {
            group.TryGetBuild(out var build);
            for (var i = 0; i < group.Count; i++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"{group.Name}-{i}");
                var directory = Path.Combine(root, name);
                var configPath = await SimulatedContainerdConfig.WriteAsync(Path.Combine(directory, "containerd"), group, cancellationToken);
                nodes.Add(new SimulatedNode(name, nodes.Count, group, build, directory, configPath, timeProvider));
            }
        }

        return nodes;
    }
}
