using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Patching.Apply;

/// <summary>
/// Orders encoded path elements as structured-merge-diff does when it writes fieldsV1: field names
/// (<c>f:</c>) before keys (<c>k:</c>) before values (<c>v:</c>) before indexes (<c>i:</c>); keys
/// compare field by field, numbers numerically (so port 80 sorts before 443).
/// </summary>
internal sealed class PathElementComparer : IComparer<string>
{
    public static PathElementComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return string.CompareOrdinal(x, y);
        }

        var byKind = Rank(x).CompareTo(Rank(y));
        if (byKind != 0)
        {
            return byKind;
        }

        return x[0] switch
        {
            'k' => CompareKeys(x, y),
            'v' => CompareValues(Parse(x), Parse(y)),
            'i' => ParseIndex(x).CompareTo(ParseIndex(y)),
            _ => string.CompareOrdinal(x, y),
        };
    }

    private static int Rank(string element) => element[0] switch
    {
        'f' => 0,
        'k' => 1,
        'v' => 2,
        _ => 3,
    };

    private static int CompareKeys(string x, string y)
    {
        if (Parse(x) is not JsonObject left || Parse(y) is not JsonObject right)
        {
            return string.CompareOrdinal(x, y);
        }

        foreach (var ((leftName, leftValue), (rightName, rightValue)) in left.Zip(right))
        {
            var result = string.CompareOrdinal(leftName, rightName);
            result = result != 0 ? result : CompareValues(leftValue, rightValue);
            if (result != 0)
            {
                return result;
            }
        }

        return left.Count.CompareTo(right.Count);
    }

    private static int CompareValues(JsonNode? left, JsonNode? right)
    {
        var byKind = KindRank(left).CompareTo(KindRank(right));
        if (byKind != 0)
        {
            return byKind;
        }

        return (left, right) switch
        {
            (JsonValue l, JsonValue r) when l.GetValueKind() == JsonValueKind.Number =>
                NumberOf(l).CompareTo(NumberOf(r)),
            (JsonValue l, JsonValue r) when l.GetValueKind() == JsonValueKind.String =>
                string.CompareOrdinal(l.GetValue<string>(), r.GetValue<string>()),
            _ => string.CompareOrdinal(CompactJson.Write(left), CompactJson.Write(right)),
        };
    }

    private static double NumberOf(JsonValue value) => value.TryGetValue<double>(out var number) ? number : 0;

    private static int KindRank(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => 0,
        JsonValueKind.False or JsonValueKind.True => 1,
        JsonValueKind.Number => 2,
        JsonValueKind.String => 3,
        _ => 4,
    };

    private static JsonNode? Parse(string element)
    {
        try
        {
            return JsonNode.Parse(element[2..]);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static long ParseIndex(string element) =>
        long.TryParse(element[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1;
}
