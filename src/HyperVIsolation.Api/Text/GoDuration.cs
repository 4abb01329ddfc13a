using System.Globalization;
using System.Text.RegularExpressions;

namespace HyperVIsolation.Api.Text;

/// <summary>
/// Reads durations the way Kubernetes users write them: Go-style (<c>15s</c>, <c>1m30s</c>, <c>500ms</c>,
/// as in the chart's values, node pool files and command lines) or .NET's <c>hh:mm:ss</c>, which is
/// all the configuration binder knows.
/// </summary>
public static partial class GoDuration
{
    /// <summary>Parses <paramref name="text"/>; returns false when it is neither form.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration);
        }

        if (text == "0")
        {
            return true;
        }

        var parts = GoDurationPart().Matches(text);
        if (parts.Count == 0 || parts.Sum(part => part.Length) != text.Length)
        {
            return false;
        }

        var total = 0.0;
        foreach (Match part in parts)
        {
            var value = double.Parse(part.Groups["value"].Value, CultureInfo.InvariantCulture);
            total += value * part.Groups["unit"].Value switch
            {
                "ms" => 1,
                "s" => 1_000,
                "m" => 60_000,
                _ => 3_600_000,
            };
        }

        duration = TimeSpan.FromMilliseconds(total);
        return true;
    }

    [GeneratedRegex(@"(?<value>\d+(\.\d+)?)(?<unit>ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex GoDurationPart();
}
