using HyperVIsolation.NodeAgent.Hosting;

namespace HyperVIsolation.NodeAgent.Host;

/// <summary>Reads the agent's settings from its environment, as the DaemonSet sets them; every problem reported at once.</summary>
internal static class NodeAgentSettings
{
    /// <summary>containerd's configuration on a Windows node installed the documented way.</summary>
    public const string DefaultContainerdConfig = @"C:\Program Files\containerd\config.toml";

    /// <summary>containerd's CRI named pipe on Windows, as kubelet is configured with it.</summary>
    public const string DefaultCriPipe = @"\\.\pipe\containerd-containerd";

    /// <summary>The agent's options, or the list of what is missing or wrong.</summary>
    /// <param name="environment">Reads one environment variable.</param>
    public static (NodeAgentOptions? Options, IReadOnlyList<string> Errors) Read(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var options = new NodeAgentOptions
        {
            NodeName = environment("NODE_NAME") ?? string.Empty,
            ContainerdConfigPath = environment("CONTAINERD_CONFIG") is { Length: > 0 } path ? path : DefaultContainerdConfig,
        };
        if (environment("RESYNC_INTERVAL") is { Length: > 0 } resync)
        {
            if (!TimeSpan.TryParse(resync, System.Globalization.CultureInfo.InvariantCulture, out var interval))
            {
                return (null, [$"RESYNC_INTERVAL '{resync}' is not a time span (hh:mm:ss)."]);
            }

            options = options with { ResyncInterval = interval };
        }

        var errors = options.Validate();
        return errors.Count == 0 ? (options, []) : (null, errors);
    }
}
