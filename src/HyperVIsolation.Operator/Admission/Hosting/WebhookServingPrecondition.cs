using HyperVIsolation.ControllerRuntime.Startup;
using HyperVIsolation.Operator.Admission.Certificates;
using Microsoft.Extensions.Hosting;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>
/// Holds leader election and the controllers until this replica's webhook can answer: a serving certificate is
/// installed (so the admission caches have synced and, with the operator's own CA, the <c>caBundle</c> trusts it) and the
/// host listens. The operator's own pods pass through the webhook with <c>failurePolicy: Fail</c>, so reconciling
/// earlier only gets them refused, and a replica that cannot serve yet should leave the Lease to one that can.
/// </summary>
/// <param name="holder">Where the serving certificate is installed.</param>
/// <param name="lifetime">Signals when the host, and so the webhook port, has started.</param>
internal sealed class WebhookServingPrecondition(ServingCertificateHolder holder, IHostApplicationLifetime lifetime) : IStartupPrecondition
{
    /// <inheritdoc />
    public string Name => "the admission webhook serving a trusted certificate";

    /// <inheritdoc />
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await holder.WaitForCertificateAsync(cancellationToken).ConfigureAwait(false);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var started = lifetime.ApplicationStarted.Register(() => listening.TrySetResult());
        await listening.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
