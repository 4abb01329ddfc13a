namespace HyperVIsolation.Operator.Admission.Certificates;

/// <summary>Where the webhook is reached and how long its certificates live.</summary>
internal sealed record WebhookCertificateOptions
{
    /// <summary>The webhook Service's name.</summary>
    public required string ServiceName { get; init; }

    /// <summary>The webhook Service's namespace (the operator's).</summary>
    public required string ServiceNamespace { get; init; }

    /// <summary>Host names or IP addresses the serving certificate names besides the Service's (local runs).</summary>
    public IReadOnlyList<string> AdditionalNames { get; init; } = [];

    /// <summary>Lifetime of the CA (10 years: replacing it means patching every caBundle).</summary>
    public TimeSpan CaLifetime { get; init; } = TimeSpan.FromDays(3650);

    /// <summary>Lifetime of a serving certificate (90 days, renewed after 60).</summary>
    public TimeSpan ServingCertificateLifetime { get; init; } = TimeSpan.FromDays(90);

    /// <summary>How often renewal is checked.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromHours(1);
}
