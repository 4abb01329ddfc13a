using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using HyperVIsolation.ControllerRuntime.ApiAccess;
using k8s;
using k8s.Models;

namespace HyperVIsolation.NodeAgent.Uninstall;

/// <summary>
/// Uninstalls from every node the agent's DaemonSet runs on, for the chart's pre-delete hook: a Job runs on one node,
/// so instead of doing the work itself it rolls the DaemonSet into <c>--uninstall --hold</c> (all nodes at once; each
/// agent stops without undoing anything and its replacement undoes it), with a readiness probe that passes only once
/// that node is uninstalled, and waits until every pod of the new template is ready. Only then may Helm delete the
/// DaemonSet. Nodes the DaemonSet does not run on (not Windows, not ready, tainted) are not uninstalled.
/// </summary>
/// <param name="client">The API client.</param>
/// <param name="time">The clock.</param>
public sealed class DaemonSetUninstallRollout(IKubernetes client, TimeProvider time)
{
    /// <summary>The agent's executable, as the DaemonSet's image holds it.</summary>
    public const string Executable = "hyperv-isolation-node-agent.exe";

    /// <summary>The strategic merge patch that turns the agent's container <paramref name="container"/> into uninstall mode.</summary>
    public static string Patch(string container) => new JsonObject
    {
        ["spec"] = new JsonObject
        {
            ["updateStrategy"] = new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = "100%" } },
            ["template"] = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = container,
                        ["args"] = new JsonArray("--uninstall", "--hold"),
                        // A strategic merge keeps the probe's other handler (the agent's HTTP /readyz), and a probe with
                        // two handlers is invalid: null removes them.
                        ["readinessProbe"] = new JsonObject
                        {
                            ["httpGet"] = null,
                            ["tcpSocket"] = null,
                            ["grpc"] = null,
                            ["exec"] = new JsonObject { ["command"] = new JsonArray(Executable, "--uninstall-probe") },
                            ["periodSeconds"] = 5,
                        },
                        // In uninstall mode the agent serves no HTTP, so its /healthz liveness probe would restart it.
                        ["livenessProbe"] = null,
                    }),
                },
            },
        },
    }.ToJsonString();

    /// <summary>Whether every pod of the DaemonSet's current template is ready, and a description of where it stands.</summary>
    public static (bool Complete, string Description) Progress(V1DaemonSet daemonSet)
    {
        ArgumentNullException.ThrowIfNull(daemonSet);
        var status = daemonSet.Status;
        var observed = status?.ObservedGeneration >= daemonSet.Metadata?.Generation;
        var desired = status?.DesiredNumberScheduled ?? 0;
        var updated = status?.UpdatedNumberScheduled ?? 0;
        var ready = status?.NumberReady ?? 0;
        var complete = observed && updated == desired && ready == desired && (status?.NumberUnavailable ?? 0) == 0;
        var description = observed
            ? string.Create(CultureInfo.InvariantCulture, $"{ready} of {desired} nodes uninstalled ({updated} running the uninstall)")
            : "the DaemonSet controller has not seen the uninstall template yet";
        return (complete, description);
    }

    /// <summary>Rolls the DaemonSet into uninstall mode and waits until every node finished, or <paramref name="timeout"/> passed.</summary>
    /// <returns>Whether every node finished, and where the rollout stands.</returns>
    public async Task<(bool Complete, string Description)> RunAsync(
        string ns, string name, string container, TimeSpan timeout, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        V1DaemonSet daemonSet;
        try
        {
            daemonSet = await client.AppsV1.PatchNamespacedDaemonSetAsync(
                new V1Patch(Patch(container), V1Patch.PatchType.StrategicMergePatch), name, ns, cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (ApiFailure.Is(exception, HttpStatusCode.NotFound))
        {
            return (true, $"daemonset {ns}/{name} does not exist: no agent to uninstall");
        }

        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            var progress = Progress(daemonSet);
            if (progress.Complete || time.GetUtcNow() >= deadline)
            {
                return progress;
            }

            await Task.Delay(pollInterval, time, cancellationToken);
            daemonSet = await client.AppsV1.ReadNamespacedDaemonSetAsync(name, ns, cancellationToken: cancellationToken);
        }
    }
}
