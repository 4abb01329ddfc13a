using System.Globalization;

namespace HyperVIsolation.LocalApiServer.Tables;

/// <summary>apimachinery's <c>duration.HumanDuration</c>: the AGE and LAST SEEN texts kubectl shows.</summary>
public static class HumanDuration
{
    /// <summary>The age of <paramref name="timestamp"/> at <paramref name="now"/>; <c>&lt;unknown&gt;</c> when it is missing or unreadable.</summary>
    public static string Since(string? timestamp, DateTimeOffset now) =>
        DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var then)
            ? Format(now - then)
            : "<unknown>";

    /// <summary>Formats a duration the way Go's HumanDuration does.</summary>
    public static string Format(TimeSpan d)
    {
        var seconds = (long)Math.Truncate(d.TotalSeconds);
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 120)
        {
            return $"{seconds}s";
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            return seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s";
        }

        if (minutes < 180)
        {
            return $"{minutes}m";
        }

        var hours = minutes / 60;
        if (hours < 8)
        {
            return minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m";
        }

        if (hours < 48)
        {
            return $"{hours}h";
        }

        var days = hours / 24;
        if (hours < 24 * 8)
        {
            return hours % 24 == 0 ? $"{days}d" : $"{days}d{hours % 24}h";
        }

        if (hours < 24 * 365 * 2)
        {
            return $"{days}d";
        }

        var years = days / 365;
        if (hours < 24 * 365 * 8)
        {
            return days % 365 == 0 ? $"{years}y" : $"{years}y{days % 365}d";
        }

        return $"{years}y";
    }
}
