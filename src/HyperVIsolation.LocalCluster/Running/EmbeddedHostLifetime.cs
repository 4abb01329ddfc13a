using Microsoft.Extensions.Hosting;

namespace HyperVIsolation.LocalCluster.Running;

/// <summary>
/// The operator host's lifetime inside the local cluster: no signal handling of its own. The default
/// console lifetime would take Ctrl+C and SIGTERM for the operator alone; here the local cluster owns
/// the signals and stops the operator, the nodes and the server in that order.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
