using System.Globalization;
using HyperVIsolation.LocalApiServer.Errors;
using Microsoft.AspNetCore.Http;

namespace HyperVIsolation.LocalApiServer.Logs;

/// <summary>The <c>PodLogOptions</c> of a <c>pods/log</c> request that this server honours.</summary>
/// <param name="Container">The container named, or empty.</param>
/// <param name="Follow">Keep streaming until the container stops (<c>kubectl logs -f</c>).</param>
/// <param name="Previous">The previous run of a restarted container.</param>
/// <param name="Timestamps">Prefix every line with its RFC 3339 time.</param>
/// <param name="TailLines">Only the last lines, when given.</param>
/// <param name="SinceSeconds">Only lines written in the last this many seconds, when given.</param>
/// <param name="SinceTime">Only lines written at or after this time, when given.</param>
/// <param name="LimitBytes">Stop after this many bytes of output, when given (the last line may be cut).</param>
public sealed record PodLogQuery(
    string Container, bool Follow, bool Previous, bool Timestamps, long? TailLines, long? SinceSeconds = null, DateTimeOffset? SinceTime = null, long? LimitBytes = null)
{
    /// <summary>
    /// Reads the query string; 400 for an unreadable value, 422 listing every rule broken (negative <c>tailLines</c>,
    /// <c>limitBytes</c> or <c>sinceSeconds</c> below 1, both <c>sinceSeconds</c> and <c>sinceTime</c>), as kube-apiserver.
    /// </summary>
    public static PodLogQuery Parse(IQueryCollection query, string podName)
    {
        var tail = Integer(query, "tailLines");
        var limit = Integer(query, "limitBytes");
        var sinceSeconds = Integer(query, "sinceSeconds");
        var sinceTime = Time(query, "sinceTime");
        var errors = new List<FieldError>();
        if (tail < 0)
        {
            errors.Add(FieldError.InvalidValue("tailLines", Text(tail.Value), "must be greater than or equal to 0"));
        }

        if (limit < 1)
        {
            errors.Add(FieldError.InvalidValue("limitBytes", Text(limit.Value), "must be greater than 0"));
        }

        if (sinceSeconds is not null && sinceTime is not null)
        {
            errors.Add(FieldError.Forbidden(string.Empty, "at most one of `sinceTime` or `sinceSeconds` may be specified"));
        }
        else if (sinceSeconds < 1)
        {
            errors.Add(FieldError.InvalidValue("sinceSeconds", Text(sinceSeconds.Value), "must be greater than 0"));
        }

        if (errors.Count > 0)
        {
            throw ApiErrors.Invalid(string.Empty, "PodLogOptions", podName, errors);
        }

        return new PodLogQuery(query["container"].ToString(), Flag(query, "follow"), Flag(query, "previous"), Flag(query, "timestamps"), tail, sinceSeconds, sinceTime, limit);
    }

    /// <summary>The lines to write from <paramref name="lines"/>: those since the time asked for, then their tail.</summary>
    public IEnumerable<ContainerLogLine> Select(IReadOnlyList<ContainerLogLine> lines, DateTimeOffset now)
    {
        IReadOnlyList<ContainerLogLine> since = Since(now) is { } from ? [.. lines.Where(line => line.Time >= from)] : lines;
        return TailLines is { } tail && tail < since.Count ? since.Skip(since.Count - (int)tail) : since;
    }

    /// <summary>Whether a line written later (while following) is still wanted.</summary>
    public bool Wants(ContainerLogLine line, DateTimeOffset now) => Since(now) is not { } from || line.Time >= from;

    /// <summary>One line as written to the client.</summary>
    public string Format(ContainerLogLine line) =>
        Timestamps ? $"{line.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.')}Z {line.Text}\n" : line.Text + "\n";

    private DateTimeOffset? Since(DateTimeOffset now) => SinceTime ?? (SinceSeconds is { } seconds ? now.AddSeconds(-seconds) : null);

    private static long? Integer(IQueryCollection query, string name)
    {
        if (query[name].ToString() is not { Length: > 0 } text)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiErrors.BadRequest($"strconv.ParseInt: parsing \"{text}\": invalid syntax");
    }

    private static DateTimeOffset? Time(IQueryCollection query, string name)
    {
        if (query[name].ToString() is not { Length: > 0 } text)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw ApiErrors.BadRequest($"parsing time \"{text}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"{text}\" as RFC 3339");
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool Flag(IQueryCollection query, string name) => query[name].ToString() is "true" or "1";
}
