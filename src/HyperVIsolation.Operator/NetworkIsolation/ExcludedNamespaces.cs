using HyperVIsolation.Operator.Admission.Configuration;

namespace HyperVIsolation.Operator.NetworkIsolation;

/// <summary>
/// The namespaces the controller never covers, as the webhook is never sent them: <c>kube-system</c> and
/// <c>kube-node-lease</c>, whose DNS and node traffic a covering policy would cut, and the operator's own,
/// whose webhook the API server must keep reaching.
/// </summary>
/// <param name="Names">The namespace names.</param>
internal sealed record ExcludedNamespaces(IReadOnlySet<string> Names)
{
    /// <summary>No exclusions (tests of the decision alone).</summary>
    public static ExcludedNamespaces None { get; } = new(new HashSet<string>(StringComparer.Ordinal));

    /// <summary>The webhook's exclusions plus <paramref name="operatorNamespace"/>.</summary>
    public static ExcludedNamespaces For(string operatorNamespace)
    {
        // The webhook configurations' defaults: the controller and the webhook leave the same namespaces alone.
        var webhook = new WebhookConfigurationOptions { ServiceName = string.Empty, ServiceNamespace = operatorNamespace };
        return new(webhook.ExcludedNamespaces.Append(webhook.ServiceNamespace).Where(name => name.Length > 0).ToHashSet(StringComparer.Ordinal));
    }
}
