using HyperVIsolation.NodeAgent.Hcs;

namespace HyperVIsolation.SimulatedNodes.Hcs;

/// <summary>An open handle to a simulated compute system; every call goes back to the service by id.</summary>
internal sealed class SimulatedComputeSystemHandle(SimulatedHostComputeService service, string id) : IComputeSystem
{
    private bool closed;

    public string Id { get; } = id;

    public Task<string> GetPropertiesAsync(string propertyQueryJson, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(closed, this);
        return Task.FromResult(service.GetProperties(Id, propertyQueryJson));
    }

    public Task ModifyAsync(string settingsJson, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(closed, this);
        service.Modify(Id, settingsJson);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        closed = true;
        return ValueTask.CompletedTask;
    }
}
