namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>
/// The admission webhook's settings, bound from the <c>Webhook</c> section (environment variables
/// <c>Webhook__...</c>, listed in README.md): where it listens, how it is registered and reached, its
/// certificates, and what it admits.
/// </summary>
internal sealed record WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Webhook";

    /// <summary>The HTTPS port the webhook listens on (on <c>Operator:ListenAddress</c>).</summary>
    public int Port { get; init; } = 9443;

    /// <summary>The Service in front of the replicas; the serving certificate names <c>&lt;service&gt;.&lt;namespace&gt;.svc</c>.</summary>
    public string ServiceName { get; init; } = "hyperv-isolation-webhook";

    /// <summary>The Service port the API server dials.</summary>
    public int ServicePort { get; init; } = 443;

    /// <summary>
    /// The operator's service account name: <see cref="TrustedUsers"/> defaults to
    /// <c>system:serviceaccount:&lt;namespace&gt;:&lt;name&gt;</c>.
    /// </summary>
    public string ServiceAccountName { get; init; } = "hyperv-isolation";

    /// <summary>The Secret in the operator's namespace holding the CA that every replica shares.</summary>
    public string CaSecretName { get; init; } = "hyperv-isolation-webhook-ca";

    /// <summary>Name of the Mutating- and ValidatingWebhookConfiguration.</summary>
    public string ConfigurationName { get; init; } = "hyperv-isolation";

    /// <summary>
    /// Whether this process creates the webhook configurations and keeps their <c>caBundle</c> current.
    /// Off by default: with <c>failurePolicy: Fail</c>, configurations pointing at a webhook the API server
    /// cannot reach stop every pod, so only a deployment that serves the webhook (the Helm chart, a local
    /// run with <see cref="Url"/>) turns it on.
    /// </summary>
    public bool ManageConfigurations { get; init; }

    /// <summary>
    /// For local runs only: the webhook's base URL, for example <c>https://127.0.0.1:9443</c>. When set, the
    /// configurations use <c>clientConfig.url</c> (base URL plus endpoint path) instead of a Service, and the
    /// serving certificate also names the URL's host (an IP SAN for an address). A local API server cannot
    /// route to Services, so this is how it reaches an operator running beside it.
    /// </summary>
    public Uri? Url { get; init; }

    /// <summary>
    /// cert-manager mode: a directory holding <c>tls.crt</c> and <c>tls.key</c> (a mounted <c>kubernetes.io/tls</c>
    /// Secret). When set, that certificate is served and reloaded when the files change; the operator creates no CA
    /// and does not touch <c>caBundle</c> (cert-manager's cainjector does), so <see cref="ManageConfigurations"/> and
    /// <see cref="Url"/> must be off. Unset (the default): the operator's own CA in <see cref="CaSecretName"/>.
    /// </summary>
    public string? CertificateDirectory { get; init; }

    /// <summary>Seconds the API server waits for each webhook.</summary>
    public int TimeoutSeconds { get; init; } = 5;

    /// <summary>
    /// Largest request body read, 3 MiB by default: the API server's request limit is 3 MiB and an
    /// UPDATE review carries the object twice, but a pod that large is not a pod we admit anyway.
    /// </summary>
    public long MaxRequestBodyBytes { get; init; } = 3 * 1024 * 1024;

    /// <summary>
    /// Users whose pods keep their VM sizing annotations (checked against the caps instead of recomputed).
    /// Empty (the default) means the operator's own service account,
    /// <c>system:serviceaccount:&lt;namespace&gt;:&lt;ServiceAccountName&gt;</c>, whose pods are sized from an
    /// IsolatedWorkload's <c>spec.vm</c>. Nobody else.
    /// </summary>
    public IReadOnlyList<string> TrustedUsers { get; init; } = [];

    /// <summary>Every problem with these options; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ServiceName) || string.IsNullOrWhiteSpace(CaSecretName) || string.IsNullOrWhiteSpace(ConfigurationName) || string.IsNullOrWhiteSpace(ServiceAccountName))
        {
            errors.Add($"{SectionName}: ServiceName, ServiceAccountName, CaSecretName and ConfigurationName must not be empty.");
        }

        if (Port is < 1 or > 65535)
        {
            errors.Add($"{SectionName}:Port must be between 1 and 65535 (got {Port}).");
        }

        if (ServicePort is < 1 or > 65535)
        {
            errors.Add($"{SectionName}:ServicePort must be between 1 and 65535 (got {ServicePort}).");
        }

        if (Url is { } url && (!url.IsAbsoluteUri || url.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment)))
        {
            errors.Add($"{SectionName}:Url must be an absolute https URL without query or fragment (got '{url}').");
        }

        if (CertificateDirectory is { } directory)
        {
            if (!Path.IsPathFullyQualified(directory))
            {
                errors.Add($"{SectionName}:CertificateDirectory must be an absolute path (got '{directory}').");
            }

            if (ManageConfigurations)
            {
                errors.Add($"{SectionName}:CertificateDirectory (cert-manager mode) and ManageConfigurations=true conflict: cert-manager's cainjector owns caBundle. Unset one of them.");
            }

            if (Url is not null)
            {
                errors.Add($"{SectionName}:CertificateDirectory (cert-manager mode) and Url conflict: Url is for local runs with the operator's own CA and managed configurations. Unset one of them.");
            }
        }

        if (TimeoutSeconds is < 1 or > 30)
        {
            errors.Add($"{SectionName}:TimeoutSeconds must be between 1 and 30 (got {TimeoutSeconds}).");
        }

        if (MaxRequestBodyBytes < 1024)
        {
            errors.Add($"{SectionName}:MaxRequestBodyBytes must be at least 1024 (got {MaxRequestBodyBytes}).");
        }

        if (TrustedUsers.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{SectionName}:TrustedUsers must not hold a blank user name.");
        }

        return errors;
    }
}
