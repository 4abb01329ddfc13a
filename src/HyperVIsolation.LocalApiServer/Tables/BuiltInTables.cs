using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Tables;

/// <summary>
/// The server-side Table printers kube-apiserver has for the built-in kinds this project uses (what
/// <c>kubectl get</c> shows); kinds without one get NAME and AGE, as kube-apiserver's default.
/// </summary>
public static class BuiltInTables
{
    private static readonly BuiltInTable Events = new(EventRow.Columns, EventRow.Cells);

    private static readonly Dictionary<string, BuiltInTable> Printers = new(StringComparer.Ordinal)
    {
        ["pods"] = new(PodRow.Columns, PodRow.Cells, PodRow.Conditions),
        ["nodes"] = new(NodeRow.Columns, NodeRow.Cells),
        ["events"] = Events,
        ["events.events.k8s.io"] = Events,
        ["namespaces"] = Simple(new TableColumn("Status", "string", "The status of the namespace"), o => JsonRead.Text(o["status"]?["phase"])),
        ["configmaps"] = Simple(new TableColumn("Data", "string", "Data contains the configuration data."), o => (long)(JsonRead.Count(o["data"]) + JsonRead.Count(o["binaryData"]))),
        ["secrets"] = new(
            [TableColumn.NameColumn, new("Type", "string", "Used to facilitate programmatic handling of secret data."), new("Data", "string", "Data contains the secret data."), TableColumn.AgeColumn],
            (o, now) => [Name(o), JsonRead.Text(o["type"]), (long)JsonRead.Count(o["data"]), Age(o, now)]),
        ["serviceaccounts"] = Simple(new TableColumn("Secrets", "string", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."), o => (long)JsonRead.Count(o["secrets"])),
        ["runtimeclasses.node.k8s.io"] = Simple(new TableColumn("Handler", "string", "handler specifies the underlying runtime and configuration that the CRI implementation will use to handle pods of this class."), o => JsonRead.Text(o["handler"])),
        ["networkpolicies.networking.k8s.io"] = Simple(new TableColumn("Pod-Selector", "string", "Select the pods to which this NetworkPolicy object applies."), o => LabelSelectorText.Format(o["spec"]?["podSelector"])),
        ["leases.coordination.k8s.io"] = Simple(new TableColumn("Holder", "string", "holderIdentity contains the identity of the holder of a current lease."), o => JsonRead.Text(o["spec"]?["holderIdentity"])),
        ["mutatingwebhookconfigurations.admissionregistration.k8s.io"] = Webhooks(),
        ["validatingwebhookconfigurations.admissionregistration.k8s.io"] = Webhooks(),
    };

    /// <summary>The printer of a built-in resource, or null for kinds printed with NAME and AGE only.</summary>
    public static BuiltInTable? For(string storageKey) => Printers.GetValueOrDefault(storageKey);

    private static BuiltInTable Simple(TableColumn column, Func<JsonObject, JsonNode?> cell) =>
        new([TableColumn.NameColumn, column, TableColumn.AgeColumn], (o, now) => [Name(o), cell(o), Age(o, now)]);

    private static BuiltInTable Webhooks() =>
        Simple(new TableColumn("Webhooks", "integer", "Webhooks indicates the number of webhooks in the configuration"), o => (long)JsonRead.Count(o["webhooks"]));

    private static string Name(JsonObject o) => JsonRead.Text(o["metadata"]?["name"]);

    private static string Age(JsonObject o, DateTimeOffset now) => HumanDuration.Since(JsonRead.Text(o["metadata"]?["creationTimestamp"]), now);
}
