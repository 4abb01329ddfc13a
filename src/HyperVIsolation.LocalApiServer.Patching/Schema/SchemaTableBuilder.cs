namespace HyperVIsolation.LocalApiServer.Patching.Schema;

/// <summary>
/// Builds a <see cref="SchemaNode"/> tree from dotted paths, where <c>[]</c> after a name steps into
/// the list's items: <c>spec.containers[].env</c>.
/// </summary>
internal sealed class SchemaTableBuilder
{
    public SchemaNode Root { get; } = new();

    public SchemaTableBuilder ListMap(string path, params string[] keys) =>
        Set(path, FieldStrategy.ListMap, [.. keys.Select(key => new ListMapKey(key))]);

    public SchemaTableBuilder ListMap(string path, IReadOnlyList<ListMapKey> keys) =>
        Set(path, FieldStrategy.ListMap, keys);

    public SchemaTableBuilder Set(string path) => Set(path, FieldStrategy.Set, null);

    public SchemaTableBuilder Atomic(string path) => Set(path, FieldStrategy.Atomic, null);

    private SchemaTableBuilder Set(string path, FieldStrategy strategy, IReadOnlyList<ListMapKey>? keys)
    {
        Resolve(path).SetStrategy(strategy, keys);
        return this;
    }

    private SchemaNode Resolve(string path)
    {
        var node = Root;
        foreach (var segment in path.Split('.'))
        {
            var isList = segment.EndsWith("[]", StringComparison.Ordinal);
            node = node.GetOrAddField(isList ? segment[..^2] : segment);
            if (isList)
            {
                node = node.GetOrAddItems();
            }
        }

        return node;
    }
}
