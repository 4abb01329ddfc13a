namespace HyperVIsolation.Operator.Placement;

/// <summary>Joins items the way a sentence lists them: "a", "a and b", "a, b and c".</summary>
internal static class EnglishList
{
    /// <summary>Joins with commas and a final "and" (or another conjunction).</summary>
    public static string Join(IEnumerable<string> items, string conjunction = "and")
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => string.Empty,
            1 => list[0],
            _ => $"{string.Join(", ", list.Take(list.Count - 1))} {conjunction} {list[^1]}",
        };
    }
}
