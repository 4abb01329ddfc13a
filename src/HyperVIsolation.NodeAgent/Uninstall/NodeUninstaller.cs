using System.Net;
using HyperVIsolation.ControllerRuntime.ApiAccess;
using HyperVIsolation.NodeAgent.Capacity;
using HyperVIsolation.NodeAgent.Containerd;
using HyperVIsolation.NodeAgent.Hosting;
using HyperVIsolation.NodeAgent.Readiness;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace HyperVIsolation.NodeAgent.Uninstall;

/// <summary>
/// Undoes what the agent did on its node (<c>--uninstall</c>): first the Node's ready label and VM capacity, so no
/// new Hyper-V pod is placed here, then containerd's main file (byte for byte when nobody edited it since), then the
/// drop-in (after the import that names it: containerd refuses to start on a missing import), and a containerd restart
/// only when a file changed. Safe to repeat: a second run changes nothing. The agent's controller must not run at the
/// same time (it would configure the node again).
/// </summary>
/// <param name="client">The API client.</param>
/// <param name="containerd">The containerd service.</param>
/// <param name="options">The agent's settings (node name, containerd's config path).</param>
/// <param name="logger">The logger.</param>
public sealed partial class NodeUninstaller(IKubernetes client, IContainerdService containerd, NodeAgentOptions options, ILogger<NodeUninstaller> logger)
{
    /// <summary>Uninstalls from this node.</summary>
    /// <exception cref="ContainerdConfigException">containerd's main file imports the drop-in but is not valid TOML.</exception>
    public async Task<UninstallReport> UninstallAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (nodeFound, labelRemoved, capacityRemoved) = await ClearNodeAsync(cancellationToken);
        var config = await RestoreConfigAsync(cancellationToken);
        var dropIn = DropInPath(options.ContainerdConfigPath);
        var dropInRemoved = File.Exists(dropIn);
        if (dropInRemoved)
        {
            File.Delete(dropIn);
        }

        File.Delete(ContainerdInstallRecord.PathFor(options.ContainerdConfigPath));
        var restart = config != ConfigRestoreKind.Untouched || dropInRemoved;
        if (restart)
        {
            await containerd.RestartAsync(cancellationToken);
        }

        var report = new UninstallReport(nodeFound, labelRemoved, capacityRemoved, config, dropInRemoved, restart);
        LogUninstalled(options.NodeName, labelRemoved, capacityRemoved, config, dropInRemoved, restart);
        return report;
    }

    private async Task<(bool Found, bool LabelRemoved, bool CapacityRemoved)> ClearNodeAsync(CancellationToken cancellationToken)
    {
        V1Node node;
        try
        {
            node = await client.CoreV1.ReadNodeAsync(options.NodeName, cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (ApiFailure.Is(exception, HttpStatusCode.NotFound))
        {
            return (false, false, false);
        }

        var labelRemoved = await new NodeLabelWriter(client).SetReadyAsync(node, ready: false, cancellationToken);
        var capacityRemoved = await new NodeCapacityWriter(client).SetAsync(node, vms: null, cancellationToken);
        return (true, labelRemoved, capacityRemoved);
    }

    private async Task<ConfigRestoreKind> RestoreConfigAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(options.ContainerdConfigPath))
        {
            return ConfigRestoreKind.Untouched;
        }

        var plan = ContainerdRestorePlan.For(
            await File.ReadAllBytesAsync(options.ContainerdConfigPath, cancellationToken),
            await ContainerdInstallRecord.ReadAsync(options.ContainerdConfigPath, cancellationToken));
        if (plan.ConfigBytes is { } bytes)
        {
            await File.WriteAllBytesAsync(options.ContainerdConfigPath, bytes, cancellationToken);
        }

        return plan.Kind;
    }

    private static string DropInPath(string configPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath)) ?? ".", HyperVHandlerDropIn.FileName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: uninstalled (label removed: {LabelRemoved}, capacity removed: {CapacityRemoved}, config: {Config}, drop-in removed: {DropInRemoved}, containerd restarted: {Restarted})")]
    private partial void LogUninstalled(string node, bool labelRemoved, bool capacityRemoved, ConfigRestoreKind config, bool dropInRemoved, bool restarted);
}
