using System.Globalization;
using ApiServer = HyperVIsolation.LocalApiServer.Hosting.LocalApiServer;

namespace HyperVIsolation.Soak.Running;

/// <summary>
/// Keeps two operator replicas running, as a Deployment with two replicas does: a killed leader is replaced by a fresh
/// replica at once (the survivor takes the Lease once the killed one's expires), and the killed one is disposed later.
/// </summary>
public sealed class OperatorReplicaSet : IAsyncDisposable
{
    private const int Size = 2;
    private readonly ApiServer server;
    private readonly Lock gate = new();
    private readonly List<OperatorReplica> replicas = [];
    private readonly List<OperatorReplica> killed = [];
    private Uri? webhookUrl;
    private int started;

    /// <summary>Creates the set for <paramref name="server"/>; <see cref="StartAsync"/> starts the replicas.</summary>
    public OperatorReplicaSet(ApiServer server) => this.server = server;

    /// <summary>How many replicas were started in all (two, plus one per kill).</summary>
    public int Started => Volatile.Read(ref started);

    /// <summary>The replicas alive now.</summary>
    public IReadOnlyList<OperatorReplica> Live
    {
        get
        {
            lock (gate)
            {
                return [.. replicas];
            }
        }
    }

    /// <summary>The live replica holding the Lease, if any.</summary>
    public OperatorReplica? Leader => Live.FirstOrDefault(replica => replica.IsLeader);

    /// <summary>The webhook ports of the replicas that serve now (the front door's endpoints).</summary>
    public IReadOnlyList<int> ServingWebhookPorts() => [.. Live.Where(replica => replica.IsServing).Select(replica => replica.WebhookPort)];

    /// <summary>Starts both replicas, webhooks registered at <paramref name="url"/>.</summary>
    public async Task StartAsync(Uri url, CancellationToken cancellationToken)
    {
        webhookUrl = url;
        for (var i = 0; i < Size; i++)
        {
            await StartOneAsync(cancellationToken);
        }
    }

    /// <summary>Kills the leader and starts its replacement; false when no replica leads right now (a takeover is under way).</summary>
    public async Task<bool> KillLeaderAsync(CancellationToken cancellationToken)
    {
        OperatorReplica? leader;
        lock (gate)
        {
            leader = replicas.FirstOrDefault(replica => replica.IsLeader);
            if (leader is null)
            {
                return false;
            }

            leader.Kill();
            replicas.Remove(leader);
            killed.Add(leader);
        }

        await StartOneAsync(cancellationToken);
        return true;
    }

    /// <summary>Waits until a live replica leads and every live replica's webhook serves.</summary>
    public async Task WaitSettledAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (Leader is null || Live.Any(replica => !replica.IsServing))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"No operator replica led with every webhook serving within {timeout.TotalSeconds:F0} s.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Disposes the killed replicas (their Lease has long expired once the set has settled).</summary>
    public async Task ReapKilledAsync()
    {
        List<OperatorReplica> dead;
        lock (gate)
        {
            dead = [.. killed];
            killed.Clear();
        }

        foreach (var replica in dead)
        {
            await replica.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await ReapKilledAsync();
        foreach (var replica in Live)
        {
            await replica.DisposeAsync();
        }
    }

    private async Task StartOneAsync(CancellationToken cancellationToken)
    {
        var identity = string.Create(CultureInfo.InvariantCulture, $"soak-{Interlocked.Increment(ref started)}");
        var replica = await OperatorReplica.StartAsync(identity, server, webhookUrl ?? throw new InvalidOperationException("Start the set first."), cancellationToken);
        lock (gate)
        {
            replicas.Add(replica);
        }
    }
}
