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

    /// <summary>Lifetime of the CA (10 years; rotated at 2/3 of it, keeping the old one in the caBundle until it expires).</summary>
    public TimeSpan CaLifetime { get; init; } = TimeSpan.FromDays(3650);

    /// <summary>Lifetime of a serving certificate (90 days, renewed after 60).</summary>
    public TimeSpan ServingCertificateLifetime { get; init; } = TimeSpan.FromDays(90);

    /// <summary>
    /// How often the CA Secret is read (noticing a CA another replica rotated or an admin replaced), the
    /// <c>caBundle</c> re-applied and the serving certificate's renewal checked: one Secret read and, when the
    /// configurations are managed, two configuration reads, and no write while nothing changed.
    /// </summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a replaced CA stays in the <c>caBundle</c> after this replica noticed the change, so replicas that
    /// notice later (within a <see cref="CheckInterval"/>) stay trusted meanwhile. Many check intervals long.
    /// </summary>
    public TimeSpan CaOverlap { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the files of <c>Webhook:CertificateDirectory</c> are compared for a change.</summary>
    public TimeSpan FilePollInterval { get; init; } = TimeSpan.FromSeconds(10);
}
