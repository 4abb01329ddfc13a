using HyperVIsolation.Api.V1Alpha1;
using k8s;

namespace HyperVIsolation.LocalCluster.Running;

/// <summary>
/// Says whether our admission webhook is active. Honest by construction: it is active only when the
/// API server has it configured, because only then are pods mutated and validated at admission.
/// </summary>
internal static class AdmissionWebhookProbe
{
    // The operator registers its configurations in the background once it serves; give it a moment.
    private static readonly TimeSpan RegistrationWait = TimeSpan.FromSeconds(5);

    /// <summary>A one-line description for the start-up summary, waiting briefly for the operator to register the webhook.</summary>
    public static async Task<string> DescribeAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var deadline = DateTimeOffset.UtcNow + RegistrationWait;
        var ours = await CountOursAsync(client, cancellationToken);
        while (ours == 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken);
            ours = await CountOursAsync(client, cancellationToken);
        }

        return ours > 0
            ? $"{ours} admission webhooks of {ApiGroup.Group} registered with the API server"
            : "not active: the operator did not register its admission webhook, so pods are not mutated or validated at admission";
    }

    /// <summary>How many webhooks of our API group the API server has registered (in any configuration).</summary>
    public static async Task<int> CountOursAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        var mutating = await client.AdmissionregistrationV1.ListMutatingWebhookConfigurationAsync(cancellationToken: cancellationToken);
        var validating = await client.AdmissionregistrationV1.ListValidatingWebhookConfigurationAsync(cancellationToken: cancellationToken);
        return mutating.Items.SelectMany(c => c.Webhooks ?? []).Select(w => w.Name)
            .Concat(validating.Items.SelectMany(c => c.Webhooks ?? []).Select(w => w.Name))
            .Count(name => name.EndsWith("." + ApiGroup.Group, StringComparison.Ordinal));
    }
}
