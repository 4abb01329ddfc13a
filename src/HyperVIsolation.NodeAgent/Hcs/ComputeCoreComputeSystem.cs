using System.Runtime.Versioning;
using HyperVIsolation.NodeAgent.Hcs.Interop;

namespace HyperVIsolation.NodeAgent.Hcs;

/// <summary>An open <c>HCS_SYSTEM</c> handle from <see cref="ComputeCoreHostComputeService"/>.</summary>
[SupportedOSPlatform("windows")]
internal sealed class ComputeCoreComputeSystem(string id, SafeHcsSystemHandle handle, TimeSpan operationTimeout) : IComputeSystem
{
    public string Id { get; } = id;

    public Task<string> GetPropertiesAsync(string propertyQueryJson, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(handle.IsClosed, this);
        return ComputeCoreOperation.RunAsync(
            $"HcsGetComputeSystemProperties({Id})",
            operation => NativeMethods.HcsGetComputeSystemProperties(handle, operation, propertyQueryJson),
            operationTimeout,
            cancellationToken);
    }

    public async Task ModifyAsync(string settingsJson, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(handle.IsClosed, this);
        await ComputeCoreOperation.RunAsync(
            $"HcsModifyComputeSystem({Id})",
            operation => NativeMethods.HcsModifyComputeSystem(handle, operation, settingsJson, IntPtr.Zero),
            operationTimeout,
            cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        handle.Dispose();
        return ValueTask.CompletedTask;
    }
}
