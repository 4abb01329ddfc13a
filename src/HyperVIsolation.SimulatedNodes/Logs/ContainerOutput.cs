using System.Globalization;
using HyperVIsolation.Api.V1Alpha1;
using HyperVIsolation.SimulatedNodes.Kubelet;
using HyperVIsolation.SimulatedNodes.Pool;

namespace HyperVIsolation.SimulatedNodes.Logs;

/// <summary>
/// The lines a simulated container prints: where it ran (node, Windows build, the utility VM with its
/// size, or the host for process isolation), what image, which attempt, and how it ended.
/// </summary>
internal static class ContainerOutput
{
    public static IEnumerable<SimulatedLogLine> Started(SimulatedNode node, PodStartupPlan plan, string? vmId, string container, string image, int attempt, DateTimeOffset at)
    {
        var handler = plan.Handler.Length == 0 ? "the default runtime handler" : $"runtime handler \"{plan.Handler}\"";
        yield return new(at, $"Creating container \"{container}\" in sandbox {plan.SandboxId} with {handler} on node {node.Name} (Windows build {node.Build})");
        if (plan.Isolation == IsolationMode.HyperV)
        {
            var size = plan.VmSize is { } s
                ? string.Create(CultureInfo.InvariantCulture, $"{s.MemoryMb} MB memory, {s.ProcessorCount} vCPU")
                : "default size";
            yield return new(at, $"Hyper-V isolation: running inside utility VM {vmId} ({size})");
        }
        else
        {
            yield return new(at, "Process isolation: running on the host kernel, sharing it with the node's other process-isolated containers");
        }

        yield return new(at, string.Create(CultureInfo.InvariantCulture, $"Started container \"{container}\" from image {image} (attempt {attempt})"));
    }

    public static SimulatedLogLine Exited(string container, int exitCode, DateTimeOffset at) =>
        new(at, string.Create(CultureInfo.InvariantCulture, $"Container \"{container}\" exited with code {exitCode}"));
}
