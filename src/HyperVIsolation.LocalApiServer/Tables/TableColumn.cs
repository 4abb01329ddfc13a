namespace HyperVIsolation.LocalApiServer.Tables;

/// <summary>One column definition of a server-side Table, as kube-apiserver's printers declare it.</summary>
/// <param name="Name">Header (kubectl upper-cases it).</param>
/// <param name="Type">OpenAPI type of the cells: string, integer, number, boolean.</param>
/// <param name="Description">Help text.</param>
/// <param name="Priority">0 for the default view, 1 for <c>-o wide</c> only.</param>
/// <param name="Format">"name" for the name column, else empty.</param>
public sealed record TableColumn(string Name, string Type, string Description, int Priority = 0, string Format = "")
{
    /// <summary>The NAME column every built-in table starts with.</summary>
    public static TableColumn NameColumn { get; } = new("Name", "string", "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names", 0, "name");

    /// <summary>The AGE column.</summary>
    public static TableColumn AgeColumn { get; } = new("Age", "string", "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata");
}
