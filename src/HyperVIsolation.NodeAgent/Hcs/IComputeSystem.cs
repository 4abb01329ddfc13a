namespace HyperVIsolation.NodeAgent.Hcs;

/// <summary>
/// An open handle to one compute system. Disposing it closes the handle
/// (<c>HcsCloseComputeSystem</c>); the compute system itself keeps running.
/// </summary>
public interface IComputeSystem : IAsyncDisposable
{
    /// <summary>The HCS id, for a pod's utility VM <c>&lt;sandboxID&gt;@vm</c>.</summary>
    string Id { get; }

    /// <summary>Reads properties (<c>HcsGetComputeSystemProperties</c>).</summary>
    /// <param name="propertyQueryJson">A property query such as <c>{"PropertyTypes":["Statistics","Memory"]}</c>.</param>
    /// <param name="cancellationToken">Cancels the wait for the HCS operation.</param>
    /// <returns>The HCS <c>Properties</c> document.</returns>
    Task<string> GetPropertiesAsync(string propertyQueryJson, CancellationToken cancellationToken);

    /// <summary>Changes a running system (<c>HcsModifyComputeSystem</c>) with a <c>ModifySettingRequest</c> document.</summary>
    Task ModifyAsync(string settingsJson, CancellationToken cancellationToken);
}
