namespace HyperVIsolation.Operator.Manifests;

/// <summary>Recognizes the collection shapes the schema maps: string-keyed maps and lists.</summary>
internal static class CollectionTypes
{
    private static readonly Type[] DictionaryDefinitions =
        [typeof(Dictionary<,>), typeof(IDictionary<,>), typeof(IReadOnlyDictionary<,>)];

    private static readonly Type[] ListDefinitions =
        [typeof(List<>), typeof(IList<>), typeof(IReadOnlyList<>), typeof(ICollection<>), typeof(IReadOnlyCollection<>), typeof(IEnumerable<>)];

    public static Type? DictionaryValueType(Type type)
    {
        if (!type.IsGenericType || !DictionaryDefinitions.Contains(type.GetGenericTypeDefinition()))
        {
            return null;
        }

        var arguments = type.GetGenericArguments();
        return arguments[0] == typeof(string)
            ? arguments[1]
            : throw new ManifestGenerationException($"Map keys must be strings in JSON; {type} has {arguments[0].Name} keys.");
    }

    public static Type? ListItemType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type.IsGenericType && ListDefinitions.Contains(type.GetGenericTypeDefinition())
            ? type.GetGenericArguments()[0]
            : null;
    }
}
