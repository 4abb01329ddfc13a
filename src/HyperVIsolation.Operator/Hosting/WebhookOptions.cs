namespace HyperVIsolation.Operator.Hosting;

/// <summary>Settings of the admission webhook's HTTPS endpoint (<c>Operator:Webhook</c>).</summary>
public sealed record WebhookOptions
{
    /// <summary>The HTTPS port.</summary>
    public int Port { get; init; } = 9443;

    /// <summary>The PEM certificate chain (for example a cert-manager secret's <c>tls.crt</c>); both paths or neither.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>The PEM private key (<c>tls.key</c>); both paths or neither.</summary>
    public string? KeyPath { get; init; }
}
