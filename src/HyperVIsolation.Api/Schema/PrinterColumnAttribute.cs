namespace HyperVIsolation.Api.Schema;

/// <summary>An additional printer column shown by <c>kubectl get</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PrinterColumnAttribute(string name, string type, string jsonPath) : Attribute
{
    /// <summary>Column header.</summary>
    public string Name { get; } = name;

    /// <summary>OpenAPI type of the column: string, integer, number, boolean or date.</summary>
    public string Type { get; } = type;

    /// <summary>JSON path into the object.</summary>
    public string JsonPath { get; } = jsonPath;

    /// <summary>Help text for the column.</summary>
    public string? Description { get; init; }

    /// <summary>0 shows the column always; higher shows it only with <c>-o wide</c>.</summary>
    public int Priority { get; init; }
}
