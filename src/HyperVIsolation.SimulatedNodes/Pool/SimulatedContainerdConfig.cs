using System.Globalization;
using System.Text;
using HyperVIsolation.Api.Windows;
using HyperVIsolation.NodeAgent.Containerd;

namespace HyperVIsolation.SimulatedNodes.Pool;

/// <summary>
/// Renders a simulated node's containerd configuration in the layout of its containerd version.
/// Every node has the process-isolated default handler. With the allow-list configured, the Hyper-V
/// handlers come from the node agent's drop-in (<see cref="HyperVHandlerDropIn"/>, imported from
/// <c>config.toml</c>); without it, a hand-written <c>runhcs-wcow-hypervisor</c> handler with no
/// <c>pod_annotations</c>, the configuration that silently gives every utility VM 1024 MB. Pure.
/// </summary>
public static class SimulatedContainerdConfig
{
    /// <summary>The default (process-isolated) handler; pods without a RuntimeClass run here.</summary>
    public const string ProcessHandlerName = "runhcs-wcow-process";

    /// <summary>The pause image of the simulated 1.7 nodes' main file.</summary>
    public const string SandboxImage = "mcr.microsoft.com/oss/kubernetes/pause:3.9";

    /// <summary>Renders the files for a group.</summary>
    /// <exception cref="ArgumentException">The group's containerd version or build is invalid (validate first).</exception>
    public static SimulatedContainerdFiles Render(NodeGroupConfig group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var version = group.ContainerdConfigVersion() ?? throw new ArgumentException($"containerd {group.ContainerdVersion} is not supported.", nameof(group));
        if (!group.TryGetBuild(out var build))
        {
            throw new ArgumentException($"'{group.WindowsBuild}' is not a Windows build.", nameof(group));
        }

        var runtimes = version == ContainerdConfigVersions.Containerd2
            ? $"plugins.'{ContainerdConfigVersions.CriRuntimePluginId(version)}'.containerd"
            : $"plugins.\"{ContainerdConfigVersions.CriRuntimePluginId(version)}\".containerd";
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"version = {version}");
        if (group.HandlerAllowListConfigured)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"imports = ['{HyperVHandlerDropIn.FileName}']");
        }

        if (version == ContainerdConfigVersions.Containerd17)
        {
            // What a Windows node's containerd 1.7 has beside its handlers, which a drop-in must not wipe.
            var cri = $"plugins.\"{ContainerdConfigVersions.CriRuntimePluginId(version)}\"";
            text.AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"[{cri}]")
                .AppendLine(CultureInfo.InvariantCulture, $"  sandbox_image = '{SandboxImage}'")
                .AppendLine(CultureInfo.InvariantCulture, $"  [{cri}.cni]")
                .AppendLine(@"    bin_dir = 'C:\Program Files\containerd\cni\bin'")
                .AppendLine(@"    conf_dir = 'C:\Program Files\containerd\cni\conf'");
        }

        text.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"[{runtimes}]")
            .AppendLine(CultureInfo.InvariantCulture, $"  default_runtime_name = '{ProcessHandlerName}'");
        AppendHandler(text, $"{runtimes}.runtimes.{ProcessHandlerName}", isolation: 0);
        if (!group.HandlerAllowListConfigured)
        {
            AppendHandler(text, $"{runtimes}.runtimes.{HyperVHandlerDropIn.BaseHandlerName}", RunhcsOptions.HypervisorIsolation);
        }

        var config = text.ToString();

        // The drop-in the node agent would write for this main file (on 1.7 it carries the main file's CRI table).
        var dropIn = group.HandlerAllowListConfigured
            ? HyperVHandlerDropIn.Render(new HyperVHandlerDropInSpec
            {
                ConfigVersion = version,
                Builds = [build],
                CriPluginTable = ContainerdConfigParser.ParseTables(config).PluginTable(ContainerdConfigVersions.CriRuntimePluginId(version)),
            })
            : null;
        return new SimulatedContainerdFiles(config, dropIn);
    }

    /// <summary>Writes the files into <paramref name="directory"/>; returns the <c>config.toml</c> path.</summary>
    public static async Task<string> WriteAsync(string directory, NodeGroupConfig group, CancellationToken cancellationToken)
    {
        var files = Render(group);
        Directory.CreateDirectory(directory);
        var configPath = Path.Combine(directory, "config.toml");
        await File.WriteAllTextAsync(configPath, files.ConfigToml, cancellationToken);
        if (files.DropIn is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, HyperVHandlerDropIn.FileName), files.DropIn, cancellationToken);
        }

        return configPath;
    }

    // No annotation allow-lists: what an administrator writes by hand when adding the handler.
    private static void AppendHandler(StringBuilder text, string table, long isolation) =>
        text.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"[{table}]")
            .AppendLine(CultureInfo.InvariantCulture, $"  runtime_type = '{HyperVHandlerDropIn.RunhcsRuntimeType}'")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"  [{table}.options]")
            .AppendLine(CultureInfo.InvariantCulture, $"    SandboxIsolation = {isolation}")
            .AppendLine("    SandboxPlatform = 'windows/amd64'");
}
