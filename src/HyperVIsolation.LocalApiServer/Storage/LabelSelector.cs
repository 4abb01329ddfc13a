using System.Text.Json.Nodes;
using HyperVIsolation.LocalApiServer.Errors;

namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>
/// A parsed label selector: comma-separated requirements, each <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>,
/// <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c> (exists) or <c>!k</c> (does not exist).
/// </summary>
public sealed class LabelSelector
{
    private readonly IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> requirements;

    private LabelSelector(IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> requirements) =>
        this.requirements = requirements;

    /// <summary>The selector that matches everything.</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>True when the selector has no requirements.</summary>
    public bool IsEmpty => requirements.Count == 0;

    /// <summary>Parses a selector; 400 BadRequest when it is malformed.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        return new LabelSelector(SplitRequirements(text).Select(ParseRequirement).ToList());
    }

    /// <summary>True when the object's labels satisfy every requirement.</summary>
    public bool Matches(JsonObject obj)
    {
        if (requirements.Count == 0)
        {
            return true;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"]?["labels"] is JsonObject labelObject)
        {
            foreach (var (key, value) in labelObject)
            {
                labels[key] = value?.ToString() ?? string.Empty;
            }
        }

        return requirements.All(r => r(labels));
    }

    /// <summary>True when the stored object's labels satisfy every requirement (its labels are read once).</summary>
    public bool Matches(StoredObject obj) => requirements.Count == 0 || requirements.All(r => r(obj.Labels));

    // Splits on commas that are not inside an "in (...)" value list.
    private static IEnumerable<string> SplitRequirements(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i].Trim();
                start = i + 1;
            }
        }

        yield return text[start..].Trim();
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseRequirement(string requirement)
    {
        if (requirement.Length == 0)
        {
            throw ApiErrors.BadRequest("unable to parse requirement: empty requirement in label selector");
        }

        var setMatch = System.Text.RegularExpressions.Regex.Match(requirement, @"^(\S+)\s+(in|notin)\s*\((.*)\)$");
        if (setMatch.Success)
        {
            var key = setMatch.Groups[1].Value;
            var values = setMatch.Groups[3].Value.Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
            return setMatch.Groups[2].Value == "in"
                ? labels => labels.TryGetValue(key, out var v) && values.Contains(v)
                : labels => !labels.TryGetValue(key, out var v) || !values.Contains(v);
        }

        foreach (var op in new[] { "!=", "==", "=" })
        {
            var index = requirement.IndexOf(op, StringComparison.Ordinal);
            if (index > 0)
            {
                var key = requirement[..index].Trim();
                var value = requirement[(index + op.Length)..].Trim();
                return op == "!="
                    ? labels => !labels.TryGetValue(key, out var v) || v != value
                    : labels => labels.TryGetValue(key, out var v) && v == value;
            }
        }

        if (requirement.StartsWith('!'))
        {
            var key = requirement[1..].Trim();
            return labels => !labels.ContainsKey(key);
        }

        if (requirement.Any(char.IsWhiteSpace) || requirement.Contains('(', StringComparison.Ordinal))
        {
            throw ApiErrors.BadRequest($"unable to parse requirement: found '{requirement}', expected: '=', '!=', '==', 'in', notin'");
        }

        return labels => labels.ContainsKey(requirement);
    }
}
