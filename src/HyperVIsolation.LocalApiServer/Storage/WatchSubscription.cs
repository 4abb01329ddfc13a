using System.Threading.Channels;

namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>
/// A live watch on one resource: receives every change after its start version, in order.
/// Disposing it detaches it from the store.
/// </summary>
public sealed class WatchSubscription : IDisposable
{
    private readonly Action<WatchSubscription> detach;

    internal WatchSubscription(string resource, string? ns, Action<WatchSubscription> detach)
    {
        Resource = resource;
        Namespace = ns;
        this.detach = detach;
    }

    /// <summary>Storage key of the watched resource.</summary>
    public string Resource { get; }

    /// <summary>Namespace filter, null for all namespaces.</summary>
    public string? Namespace { get; }

    /// <summary>Changes in resource-version order; completed when the store drops all watches.</summary>
    public Channel<StoredEvent> Events { get; } = Channel.CreateUnbounded<StoredEvent>();

    internal bool Accepts(StoredEvent change) =>
        change.Resource == Resource && (Namespace is null || Namespace == change.Namespace);

    /// <inheritdoc />
    public void Dispose()
    {
        detach(this);
        Events.Writer.TryComplete();
    }
}
