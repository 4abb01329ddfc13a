using System.Globalization;

namespace HyperVIsolation.NodeAgent.Host;

/// <summary>The pre-delete hook Job's settings, from its environment; every problem reported at once.</summary>
/// <param name="Namespace">The agent DaemonSet's namespace.</param>
/// <param name="DaemonSet">The agent DaemonSet's name.</param>
/// <param name="Timeout">How long every node may take.</param>
internal sealed record UninstallRolloutSettings(string Namespace, string DaemonSet, TimeSpan Timeout)
{
    /// <summary>The agent's container in the DaemonSet, as the chart names it.</summary>
    public const string Container = "node-agent";

    /// <summary>The settings, or the list of what is missing or wrong.</summary>
    public static (UninstallRolloutSettings? Settings, IReadOnlyList<string> Errors) Read(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var errors = new List<string>();
        var ns = environment("POD_NAMESPACE");
        var name = environment("DAEMONSET_NAME");
        if (string.IsNullOrWhiteSpace(ns))
        {
            errors.Add("POD_NAMESPACE is required (the agent DaemonSet's namespace).");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("DAEMONSET_NAME is required (the agent DaemonSet's name).");
        }

        var timeout = TimeSpan.FromMinutes(4);
        if (environment("UNINSTALL_TIMEOUT") is { Length: > 0 } text
            && (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out timeout) || timeout <= TimeSpan.Zero))
        {
            errors.Add($"UNINSTALL_TIMEOUT '{text}' is not a positive time span (hh:mm:ss).");
        }

        return errors.Count == 0 ? (new UninstallRolloutSettings(ns!, name!, timeout), []) : (null, errors);
    }
}
