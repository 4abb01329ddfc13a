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
public sealed record PodLogQuery(string Container, bool Follow, bool Previous, bool Timestamps, long? TailLines)
{
    /// <summary>Reads the query string; 422 for a negative <c>tailLines</c>, 400 for an unreadable value, as kube-apiserver.</summary>
    public static PodLogQuery Parse(IQueryCollection query, string podName)
    {
        long? tail = null;
        if (query["tailLines"].ToString() is { Length: > 0 } text)
        {
            if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var lines))
            {
                throw ApiErrors.BadRequest($"strconv.ParseInt: parsing \"{text}\": invalid syntax");
            }

            if (lines < 0)
            {
                throw ApiErrors.Invalid(string.Empty, "PodLogOptions", podName, [FieldError.InvalidValue("tailLines", lines.ToString(CultureInfo.InvariantCulture), "must be greater than or equal to 0")]);
            }

            tail = lines;
        }

        return new PodLogQuery(query["container"].ToString(), Flag(query, "follow"), Flag(query, "previous"), Flag(query, "timestamps"), tail);
    }

    /// <summary>The lines to write from <paramref name="lines"/> (the tail, when asked for).</summary>
    public IEnumerable<ContainerLogLine> Select(IReadOnlyList<ContainerLogLine> lines) =>
        TailLines is { } tail && tail < lines.Count ? lines.Skip(lines.Count - (int)tail) : lines;

    /// <summary>One line as written to the client.</summary>
    public string Format(ContainerLogLine line) =>
        Timestamps ? $"{line.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.')}Z {line.Text}\n" : line.Text + "\n";

    private static bool Flag(IQueryCollection query, string name) => query[name].ToString() is "true" or "1";
}
