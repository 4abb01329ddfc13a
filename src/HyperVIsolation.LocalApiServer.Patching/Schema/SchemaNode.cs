namespace HyperVIsolation.LocalApiServer.Patching.Schema;

/// <summary>
/// The merge strategy of one position in an object, with its children: named fields, the value
/// type of free-form maps, and the item type of lists. Built once, then only read.
/// </summary>
internal sealed class SchemaNode
{
    private readonly Dictionary<string, SchemaNode> fields = new(StringComparer.Ordinal);

    /// <summary>The node for anything the schema does not describe: granular, no children.</summary>
    public static SchemaNode Unknown { get; } = new();

    public FieldStrategy Strategy { get; private set; } = FieldStrategy.Granular;

    /// <summary>The key fields when <see cref="Strategy"/> is <see cref="FieldStrategy.ListMap"/>.</summary>
    public IReadOnlyList<ListMapKey> Keys { get; private set; } = [];

    private SchemaNode? MapValues { get; set; }

    private SchemaNode? ListItems { get; set; }

    /// <summary>The schema of the named field (or of a free-form map's values).</summary>
    public SchemaNode Field(string name) =>
        fields.TryGetValue(name, out var node) ? node : MapValues ?? Unknown;

    /// <summary>The schema of the items of this list.</summary>
    public SchemaNode Items => ListItems ?? Unknown;

    public bool IsKeyField(string name) =>
        Strategy == FieldStrategy.ListMap && Keys.Any(key => key.Name == name);

    public SchemaNode GetOrAddField(string name)
    {
        if (!fields.TryGetValue(name, out var node))
        {
            node = new SchemaNode();
            fields[name] = node;
        }

        return node;
    }

    public SchemaNode GetOrAddItems() => ListItems ??= new SchemaNode();

    public SchemaNode GetOrAddMapValues() => MapValues ??= new SchemaNode();

    public void SetStrategy(FieldStrategy strategy, IReadOnlyList<ListMapKey>? keys = null)
    {
        Strategy = strategy;
        Keys = keys ?? [];
    }
}
