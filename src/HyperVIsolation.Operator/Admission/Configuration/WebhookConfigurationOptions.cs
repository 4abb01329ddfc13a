namespace HyperVIsolation.Operator.Admission.Configuration;

/// <summary>What the rendered webhook configurations point at and how strictly they apply.</summary>
internal sealed record WebhookConfigurationOptions
{
    /// <summary>Name of both configuration objects.</summary>
    public string ConfigurationName { get; init; } = "hyperv-isolation";

    /// <summary>The webhook Service's name.</summary>
    public required string ServiceName { get; init; }

    /// <summary>The webhook Service's namespace; also excluded from admission so the operator can always start.</summary>
    public required string ServiceNamespace { get; init; }

    /// <summary>The Service port.</summary>
    public int ServicePort { get; init; } = 443;

    /// <summary>Seconds the API server waits for an answer; small, because every pod CREATE waits.</summary>
    public int TimeoutSeconds { get; init; } = 5;

    /// <summary>
    /// For local runs: a base URL (<c>https://127.0.0.1:9443</c>) the configurations point at with
    /// <c>clientConfig.url</c> instead of the Service, since a local API server cannot route to Services.
    /// </summary>
    public Uri? Url { get; init; }

    /// <summary>Namespaces never sent to the webhooks besides the operator's own.</summary>
    public IReadOnlyList<string> ExcludedNamespaces { get; init; } = ["kube-system", "kube-node-lease"];
}
