using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Tables;

/// <summary>kube-apiserver's node printer: STATUS from the Ready condition, ROLES from the role labels, VERSION, and the wide columns.</summary>
public static class NodeRow
{
    private const string RolePrefix = "node-role.kubernetes.io/";

    /// <summary>The node columns.</summary>
    public static IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumn.NameColumn,
        new("Status", "string", "The status of the node"),
        new("Roles", "string", "The roles of the node"),
        TableColumn.AgeColumn,
        new("Version", "string", "Kubelet Version reported by the node."),
        new("Internal-IP", "string", "List of addresses reachable to the node.", 1),
        new("External-IP", "string", "List of addresses reachable to the node.", 1),
        new("OS-Image", "string", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", 1),
        new("Kernel-Version", "string", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
        new("Container-Runtime", "string", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).", 1),
    ];

    /// <summary>The cells of one node at <paramref name="now"/>.</summary>
    public static JsonNode?[] Cells(JsonObject node, DateTimeOffset now)
    {
        var status = node["status"] as JsonObject ?? [];
        var info = status["nodeInfo"] as JsonObject ?? [];
        return
        [
            JsonRead.Text(node["metadata"]?["name"]),
            Status(node),
            Roles(node),
            HumanDuration.Since(JsonRead.Text(node["metadata"]?["creationTimestamp"]), now),
            JsonRead.Text(info["kubeletVersion"]),
            Address(status, "InternalIP"),
            Address(status, "ExternalIP"),
            OrUnknown(JsonRead.Text(info["osImage"])),
            OrUnknown(JsonRead.Text(info["kernelVersion"])),
            OrUnknown(JsonRead.Text(info["containerRuntimeVersion"])),
        ];
    }

    private static string Status(JsonObject node)
    {
        var ready = JsonRead.Objects(node["status"]?["conditions"]).LastOrDefault(c => JsonRead.Text(c["type"]) == "Ready");
        var parts = new List<string> { ready is null ? "Unknown" : JsonRead.Text(ready["status"]) == "True" ? "Ready" : "NotReady" };
        if (JsonRead.Flag(node["spec"]?["unschedulable"]))
        {
            parts.Add("SchedulingDisabled");
        }

        return string.Join(',', parts);
    }

    private static string Roles(JsonObject node)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in node["metadata"]?["labels"] as JsonObject ?? [])
        {
            if (key.StartsWith(RolePrefix, StringComparison.Ordinal) && key.Length > RolePrefix.Length)
            {
                roles.Add(key[RolePrefix.Length..]);
            }
            else if (key == "kubernetes.io/role" && JsonRead.Text(value) is { Length: > 0 } role)
            {
                roles.Add(role);
            }
        }

        return roles.Count == 0 ? "<none>" : string.Join(',', roles);
    }

    private static string Address(JsonObject status, string type) =>
        JsonRead.Objects(status["addresses"]).Where(a => JsonRead.Text(a["type"]) == type).Select(a => JsonRead.Text(a["address"])).FirstOrDefault() ?? "<none>";

    private static string OrUnknown(string value) => value.Length == 0 ? "<unknown>" : value;
}
