using System.Runtime.Versioning;
using HyperVIsolation.NodeAgent.Hcs.Interop;

namespace HyperVIsolation.NodeAgent.Hcs;

/// <summary>
/// The production <see cref="IHostComputeService"/>: P/Invoke into <c>computecore.dll</c>.
/// It compiles everywhere but runs only on Windows Server 2019 or later with the Hyper-V and
/// Containers features; it cannot be exercised on the Linux build machines, so its tests cover only
/// the platform check, and the documents it passes through are tested via <see cref="HcsDocumentSerializer"/>.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed class ComputeCoreHostComputeService : IHostComputeService
{
    private readonly TimeSpan operationTimeout;

    /// <summary>Creates the service; each operation waits at most <see cref="HcsOperationTimeout.Default"/>.</summary>
    /// <exception cref="PlatformNotSupportedException">Not running on Windows.</exception>
    public ComputeCoreHostComputeService()
        : this(HcsOperationTimeout.Default)
    {
    }

    /// <summary>Creates the service; each operation waits at most <paramref name="operationTimeout"/>, then fails with HCS_E_OPERATION_TIMEOUT.</summary>
    /// <exception cref="PlatformNotSupportedException">Not running on Windows.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is not a positive, finite time.</exception>
    public ComputeCoreHostComputeService(TimeSpan operationTimeout)
    {
        HcsOperationTimeout.Validate(operationTimeout);
        if (!OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The Host Compute Service (computecore.dll) exists only on Windows.");
        }

        this.operationTimeout = operationTimeout;
    }

    /// <inheritdoc />
    public Task<string> EnumerateComputeSystemsAsync(string queryJson, CancellationToken cancellationToken) =>
        ComputeCoreOperation.RunAsync(
            "HcsEnumerateComputeSystems",
            operation => NativeMethods.HcsEnumerateComputeSystems(NullIfEmpty(queryJson), operation),
            operationTimeout,
            cancellationToken);

    /// <inheritdoc />
    public Task<IComputeSystem> OpenComputeSystemAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        cancellationToken.ThrowIfCancellationRequested();

        // HcsOpenComputeSystem is synchronous: it only resolves the id to a handle.
        var result = NativeMethods.HcsOpenComputeSystem(id, NativeMethods.GenericAll, out var handle);
        if (result < 0)
        {
            handle.Dispose();
            throw new HcsException($"HcsOpenComputeSystem({id})", unchecked((uint)result));
        }

        return Task.FromResult<IComputeSystem>(new ComputeCoreComputeSystem(id, handle, operationTimeout));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
