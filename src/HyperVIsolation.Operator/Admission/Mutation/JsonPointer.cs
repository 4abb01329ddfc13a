namespace HyperVIsolation.Operator.Admission.Mutation;

/// <summary>RFC 6901 JSON Pointers: <c>~</c> becomes <c>~0</c> and <c>/</c> becomes <c>~1</c> in each token.</summary>
internal static class JsonPointer
{
    /// <summary>Joins tokens into a pointer, escaping each one.</summary>
    public static string Of(params string[] tokens) =>
        string.Concat(tokens.Select(token => "/" + Escape(token)));

    /// <summary>Escapes one reference token (order matters: <c>~</c> first).</summary>
    public static string Escape(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }

    /// <summary>Splits a pointer into unescaped tokens.</summary>
    public static IReadOnlyList<string> Parse(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            throw new FormatException($"JSON Pointer '{pointer}' does not start with '/'.");
        }

        return pointer[1..].Split('/')
            .Select(token => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
            .ToList();
    }
}
