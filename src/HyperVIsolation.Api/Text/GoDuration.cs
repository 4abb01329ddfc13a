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

    /// <summary>
    /// Writes <paramref name="duration"/> the way <see cref="TryParse"/> reads it back and users type it:
    /// <c>250ms</c>, <c>8s</c>, <c>5m</c>, <c>1m30s</c>, <c>1h</c> (whole milliseconds below a second, whole seconds above).
    /// </summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0}ms");
        }

        var hours = (int)duration.TotalHours;
        var text = string.Concat(
            hours > 0 ? string.Create(CultureInfo.InvariantCulture, $"{hours}h") : string.Empty,
            duration.Minutes > 0 ? string.Create(CultureInfo.InvariantCulture, $"{duration.Minutes}m") : string.Empty,
            duration.Seconds > 0 ? string.Create(CultureInfo.InvariantCulture, $"{duration.Seconds}s") : string.Empty);
        return text.Length > 0 ? text : "0s";
    }

    [GeneratedRegex(@"(?<value>\d+(\.\d+)?)(?<unit>ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex GoDurationPart();
}
