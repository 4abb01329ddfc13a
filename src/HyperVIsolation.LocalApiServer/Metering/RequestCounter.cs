using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace HyperVIsolation.LocalApiServer.Metering;

/// <summary>
/// Counts the resource requests the server receives by verb, resource and client, for benchmarks
/// that need server-side write counts. Off by default: while disabled, recording is one volatile read.
/// Requests are counted on arrival, before fault injection, so failed and retried attempts count too.
/// </summary>
public sealed class RequestCounter
{
    private readonly ConcurrentDictionary<RequestKey, StrongBox<long>> counts = new();
    private volatile bool enabled;

    /// <summary>Whether requests are being counted.</summary>
    public bool Enabled
    {
        get => enabled;
        set => enabled = value;
    }

    /// <summary>Every key seen and its count, at the time of the call.</summary>
    public IReadOnlyDictionary<RequestKey, long> Snapshot() =>
        counts.ToDictionary(entry => entry.Key, entry => Interlocked.Read(ref entry.Value.Value));

    /// <summary>Writes (create, update, patch, delete) counted, optionally only those of one client.</summary>
    public long Writes(string? client = null) =>
        Snapshot().Where(entry => entry.Key.IsWrite && (client is null || entry.Key.Client == client)).Sum(entry => entry.Value);

    /// <summary>Forgets every count.</summary>
    public void Reset() => counts.Clear();

    /// <summary>Counts one request when enabled.</summary>
    internal void Record(string verb, string resource, string? userAgent)
    {
        if (!enabled)
        {
            return;
        }

        var box = counts.GetOrAdd(new RequestKey(verb, resource, ClientOf(userAgent)), _ => new StrongBox<long>());
        Interlocked.Increment(ref box.Value);
    }

    private static string ClientOf(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent))
        {
            return string.Empty;
        }

        var end = userAgent.IndexOfAny(['/', ' ']);
        return end < 0 ? userAgent : userAgent[..end];
    }
}
