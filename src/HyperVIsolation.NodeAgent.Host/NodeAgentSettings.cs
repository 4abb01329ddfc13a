using HyperVIsolation.NodeAgent.Hosting;

namespace HyperVIsolation.NodeAgent.Host;

/// <summary>Reads the agent's settings from its environment, as the DaemonSet sets them; every problem reported at once.</summary>
internal static class NodeAgentSettings
{
    /// <summary>containerd's configuration on a Windows node installed the documented way.</summary>
    public const string DefaultContainerdConfig = @"C:\Program Files\containerd\config.toml";

    /// <summary>containerd's CRI named pipe on Windows, as kubelet is configured with it.</summary>
    public const string DefaultCriPipe = @"\\.\pipe\containerd-containerd";

    /// <summary>The agent's <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> port on the node (the pod uses the host's network).</summary>
    public const int DefaultMetricsPort = 9102;

    /// <summary>The port of <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> from <c>METRICS_PORT</c>, or why it is wrong.</summary>
    /// <param name="environment">Reads one environment variable.</param>
    public static (int Port, string? Error) ReadMetricsPort(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("METRICS_PORT") is not { Length: > 0 } text)
        {
            return (DefaultMetricsPort, null);
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? (port, null)
            : (0, $"METRICS_PORT '{text}' is not a TCP port (1-65535).");
    }

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
