using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;

namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>
/// A parsed field selector: comma-separated <c>path=value</c>, <c>path==value</c> or <c>path!=value</c>
/// over dotted JSON paths (<c>metadata.name</c>, <c>spec.nodeName</c>, <c>status.phase</c>,
/// <c>involvedObject.uid</c>, ...). A missing field compares as the empty string, as in kube-apiserver.
/// </summary>
public sealed class FieldSelector
{
    private readonly IReadOnlyList<(string Path, string[] Segments, bool Equal, string Value)> terms;

    private FieldSelector(IReadOnlyList<(string Path, string[] Segments, bool Equal, string Value)> terms) => this.terms = terms;

    /// <summary>The selector that matches everything.</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The field paths the selector tests, in the order written.</summary>
    public IEnumerable<string> Paths => terms.Select(t => t.Path);

    /// <summary>True when the selector has no terms.</summary>
    public bool IsEmpty => terms.Count == 0;

    /// <summary>Name required by the selector (<c>metadata.name=x</c>), if any.</summary>
    public string? RequiredName => terms.FirstOrDefault(t => t.Path == "metadata.name" && t.Equal).Value;

    /// <summary>Parses a selector; 400 BadRequest when it is malformed.</summary>
    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var parsed = new List<(string, string[], bool, string)>();
        foreach (var term in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            parsed.Add(ParseTerm(term));
        }

        return new FieldSelector(parsed);
    }

    /// <summary>Adds a <c>metadata.name=name</c> term (watch on a named object path).</summary>
    public FieldSelector WithName(string name) => new([.. terms, ("metadata.name", ["metadata", "name"], true, name)]);

    /// <summary>True when every term holds for the object.</summary>
    public bool Matches(JsonObject obj)
    {
        // A plain loop: every kubelet's list and watch runs this once per pod.
        foreach (var (_, segments, equal, value) in terms)
        {
            if ((Resolve(obj, segments) == value) != equal)
            {
                return false;
            }
        }

        return true;
    }

    private static (string, string[], bool, string) ParseTerm(string term)
    {
        foreach (var (op, equal) in new[] { ("!=", false), ("==", true), ("=", true) })
        {
            var index = term.IndexOf(op, StringComparison.Ordinal);
            if (index > 0)
            {
                var path = term[..index].Trim();
                return (path, path.Split('.'), equal, term[(index + op.Length)..].Trim());
            }
        }

        throw ApiErrors.BadRequest($"invalid selector: '{term}'; can't understand '{term}'");
    }

    private static string Resolve(JsonObject obj, string[] segments)
    {
        JsonNode? node = obj;
        foreach (var segment in segments)
        {
            node = node is JsonObject o ? o[segment] : null;
        }

        return node switch
        {
            null => string.Empty,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };
    }
}
