using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Tables;

/// <summary>
/// kube-apiserver's pod printer: READY, STATUS (the reason kubectl shows: phase, a container's waiting
/// or terminated reason, <c>Init:</c> progress, <c>Terminating</c>), RESTARTS, AGE and the wide columns.
/// </summary>
public static class PodRow
{
    /// <summary>The pod columns.</summary>
    public static IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
        new("Status", "string", "The aggregate status of the containers in this pod."),
        new("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        TableColumn.AgeColumn,
        new("IP", "string", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", 1),
        new("Node", "string", "NodeName indicates in which node this pod is scheduled.", 1),
        new("Nominated Node", "string", "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.", 1),
        new("Readiness Gates", "string", "If specified, all readiness gates will be evaluated for pod readiness.", 1),
    ];

    /// <summary>The cells of one pod at <paramref name="now"/>.</summary>
    public static JsonNode?[] Cells(JsonObject pod, DateTimeOffset now)
    {
        var spec = pod["spec"] as JsonObject ?? [];
        var status = pod["status"] as JsonObject ?? [];
        var progress = new Progress(JsonRead.Text(status["phase"]));
        if (JsonRead.Text(status["reason"]) is { Length: > 0 } podReason)
        {
            progress.Reason = podReason;
        }

        if (JsonRead.Objects(status["conditions"]).Any(c => JsonRead.Text(c["type"]) == "PodScheduled" && JsonRead.Text(c["reason"]) == "SchedulingGated"))
        {
            progress.Reason = "SchedulingGated";
        }

        var initContainers = JsonRead.Objects(spec["initContainers"]).ToList();
        var sidecars = initContainers.Where(c => JsonRead.Text(c["restartPolicy"]) == "Always").Select(c => JsonRead.Text(c["name"])).ToHashSet(StringComparer.Ordinal);
        progress.Total = JsonRead.Count(spec["containers"]) + sidecars.Count;
        var initializing = InitContainers(status, initContainers.Count, sidecars, progress);
        if (!initializing || HasTrueCondition(status, "Initialized"))
        {
            progress.Restarts = progress.SidecarRestarts;
            progress.LastRestart = progress.LastSidecarRestart;
            Containers(status, progress);
        }

        var deleting = pod["metadata"]?["deletionTimestamp"] is not null;
        if (deleting && JsonRead.Text(status["reason"]) == "NodeLost")
        {
            progress.Reason = "Unknown";
        }
        else if (deleting && progress.Phase is not ("Succeeded" or "Failed"))
        {
            progress.Reason = "Terminating";
        }

        var restarts = progress.Restarts != 0 && progress.LastRestart is { } last
            ? $"{progress.Restarts} ({HumanDuration.Format(now - last)} ago)"
            : progress.Restarts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return
        [
            JsonRead.Text(pod["metadata"]?["name"]),
            $"{progress.Ready}/{progress.Total}",
            progress.Reason,
            restarts,
            HumanDuration.Since(JsonRead.Text(pod["metadata"]?["creationTimestamp"]), now),
            OrNone(JsonRead.Objects(status["podIPs"]).Select(ip => JsonRead.Text(ip["ip"])).FirstOrDefault() ?? JsonRead.Text(status["podIP"])),
            OrNone(JsonRead.Text(spec["nodeName"])),
            OrNone(JsonRead.Text(status["nominatedNodeName"])),
            ReadinessGates(spec, status),
        ];
    }

    /// <summary>The row conditions kube-apiserver marks finished pods with.</summary>
    public static JsonArray? Conditions(JsonObject pod) => JsonRead.Text(pod["status"]?["phase"]) switch
    {
        "Succeeded" => [new JsonObject { ["type"] = "Completed", ["status"] = "True", ["reason"] = "Succeeded", ["message"] = "The pod has completed successfully." }],
        "Failed" => [new JsonObject { ["type"] = "Completed", ["status"] = "True", ["reason"] = "Failed", ["message"] = "The pod failed." }],
        _ => null,
    };

    private static bool InitContainers(JsonObject status, int initCount, HashSet<string> sidecars, Progress progress)
    {
        var index = 0;
        foreach (var container in JsonRead.Objects(status["initContainerStatuses"]))
        {
            var restartCount = (int)JsonRead.Number(container["restartCount"]);
            var finished = LastFinished(container);
            progress.Restarts += restartCount;
            progress.LastRestart = Later(progress.LastRestart, finished);
            var sidecar = sidecars.Contains(JsonRead.Text(container["name"]));
            if (sidecar)
            {
                progress.SidecarRestarts += restartCount;
                progress.LastSidecarRestart = Later(progress.LastSidecarRestart, finished);
            }

            var state = container["state"] as JsonObject ?? [];
            if (state["terminated"] is JsonObject done && JsonRead.Number(done["exitCode"]) == 0)
            {
                index++;
                continue;
            }

            if (sidecar && JsonRead.Flag(container["started"]))
            {
                progress.Ready += JsonRead.Flag(container["ready"]) ? 1 : 0;
                index++;
                continue;
            }

            progress.Reason = state switch
            {
                _ when state["terminated"] is JsonObject failed => "Init:" + TerminatedReason(failed),
                _ when JsonRead.Text(state["waiting"]?["reason"]) is { Length: > 0 } waiting && waiting != "PodInitializing" => "Init:" + waiting,
                _ => $"Init:{index}/{initCount}",
            };
            return true;
        }

        return false;
    }

    private static void Containers(JsonObject status, Progress progress)
    {
        var hasRunning = false;
        foreach (var container in JsonRead.Objects(status["containerStatuses"]).Reverse())
        {
            progress.Restarts += (int)JsonRead.Number(container["restartCount"]);
            progress.LastRestart = Later(progress.LastRestart, LastFinished(container));
            var state = container["state"] as JsonObject ?? [];
            if (JsonRead.Text(state["waiting"]?["reason"]) is { Length: > 0 } waiting)
            {
                progress.Reason = waiting;
            }
            else if (state["terminated"] is JsonObject terminated)
            {
                progress.Reason = TerminatedReason(terminated);
            }
            else if (JsonRead.Flag(container["ready"]) && state["running"] is not null)
            {
                hasRunning = true;
                progress.Ready++;
            }
        }

        if (progress.Reason == "Completed" && hasRunning)
        {
            progress.Reason = HasTrueCondition(status, "Ready") ? "Running" : "NotReady";
        }
    }

    private static string TerminatedReason(JsonObject terminated)
    {
        if (JsonRead.Text(terminated["reason"]) is { Length: > 0 } reason)
        {
            return reason;
        }

        var signal = JsonRead.Number(terminated["signal"]);
        return signal != 0 ? $"Signal:{signal}" : $"ExitCode:{JsonRead.Number(terminated["exitCode"])}";
    }

    private static DateTimeOffset? LastFinished(JsonObject container) =>
        DateTimeOffset.TryParse(JsonRead.Text(container["lastState"]?["terminated"]?["finishedAt"]), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static bool HasTrueCondition(JsonObject status, string type) =>
        JsonRead.Objects(status["conditions"]).Any(c => JsonRead.Text(c["type"]) == type && JsonRead.Text(c["status"]) == "True");

    private static string ReadinessGates(JsonObject spec, JsonObject status)
    {
        var gates = JsonRead.Objects(spec["readinessGates"]).Select(g => JsonRead.Text(g["conditionType"])).ToList();
        if (gates.Count == 0)
        {
            return "<none>";
        }

        var conditions = JsonRead.Objects(status["conditions"]).ToList();
        var met = gates.Count(gate => conditions.FirstOrDefault(c => JsonRead.Text(c["type"]) == gate) is { } c && JsonRead.Text(c["status"]) == "True");
        return $"{met}/{gates.Count}";
    }

    private static string OrNone(string value) => value.Length == 0 ? "<none>" : value;

    private sealed class Progress(string phase)
    {
        public string Phase { get; } = phase;

        public string Reason { get; set; } = phase;

        public int Ready { get; set; }

        public int Total { get; set; }

        public int Restarts { get; set; }

        public int SidecarRestarts { get; set; }

        public DateTimeOffset? LastRestart { get; set; }

        public DateTimeOffset? LastSidecarRestart { get; set; }
    }
}
