using Tomlyn.Model;

namespace HyperVIsolation.NodeAgent.Containerd;

/// <summary>Deep copies of parsed TOML, so a drop-in built from the node's tables never changes them.</summary>
internal static class TomlTableCopy
{
    /// <summary>A deep copy of <paramref name="table"/>.</summary>
    public static TomlTable Of(TomlTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var copy = new TomlTable();
        foreach (var (key, value) in table)
        {
            copy[key] = Value(value);
        }

        return copy;
    }

    private static object Value(object value) => value switch
    {
        TomlTable table => Of(table),
        TomlTableArray tables => CopyTables(tables),
        TomlArray array => CopyArray(array),
        _ => value,
    };

    private static TomlTableArray CopyTables(TomlTableArray tables)
    {
        var copy = new TomlTableArray();
        foreach (var table in tables)
        {
            copy.Add(Of(table));
        }

        return copy;
    }

    private static TomlArray CopyArray(TomlArray array)
    {
        var copy = new TomlArray();
        foreach (var item in array)
        {
            copy.Add(item is null ? null : Value(item));
        }

        return copy;
    }
}
