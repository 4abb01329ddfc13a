namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>Builds the ordinal sort key of an object inside one resource: namespace then name.</summary>
internal static class ObjectKey
{
    /// <summary>Key used for ordering and for continue tokens.</summary>
    public static string Of(string ns, string name) => ns + "/" + name;
}
