namespace HyperVIsolation.NodeAgent.Hcs;

/// <summary>
/// The node agent's only seam to the Windows Host Compute Service (<c>computecore.dll</c>).
/// Documents cross this interface as HCS JSON text, exactly as <c>computecore.dll</c> takes and returns
/// them, so the production implementation and the simulation see the same bytes; typed access lives
/// in <see cref="HostComputeServiceExtensions"/>.
/// </summary>
public interface IHostComputeService
{
    /// <summary>Lists compute systems matching an HCS query document (<c>HcsEnumerateComputeSystems</c>).</summary>
    /// <param name="queryJson">A query such as <c>{"Types":["VirtualMachine"],"Owners":["containerd-shim-runhcs-v1.exe"]}</c>; empty matches all.</param>
    /// <param name="cancellationToken">Cancels the wait for the HCS operation.</param>
    /// <returns>A JSON array of compute system summaries.</returns>
    Task<string> EnumerateComputeSystemsAsync(string queryJson, CancellationToken cancellationToken);

    /// <summary>Opens an existing compute system by id (<c>HcsOpenComputeSystem</c>); dispose it to close it.</summary>
    /// <exception cref="HcsException">The system does not exist (<see cref="HcsErrorCodes.SystemNotFound"/>) or cannot be opened.</exception>
    Task<IComputeSystem> OpenComputeSystemAsync(string id, CancellationToken cancellationToken);
}
