using HyperVIsolation.NodeAgent.Hcs;

namespace HyperVIsolation.SimulatedNodes.Hcs;

/// <summary>An open handle to a simulated compute system; every call goes back to the service by id.</summary>
internal sealed class SimulatedComputeSystemHandle(SimulatedHostComputeService service, string id) : IComputeSystem
{
    private bool closed;

    public string Id { get; } = id;

    public async Task<string> GetPropertiesAsync(string propertyQueryJson, CancellationToken cancellationToken)
    {
        await service.WhenNotStalledAsync();
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(closed, this);
        return service.GetProperties(Id, propertyQueryJson);
    }

    public async Task ModifyAsync(string settingsJson, CancellationToken cancellationToken)
    {
        await service.WhenNotStalledAsync();
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(closed, this);
        service.Modify(Id, settingsJson);
    }

    public ValueTask DisposeAsync()
    {
        closed = true;
        return ValueTask.CompletedTask;
    }
}
