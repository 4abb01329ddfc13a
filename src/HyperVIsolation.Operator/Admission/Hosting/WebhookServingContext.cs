using HyperVIsolation.Operator.Admission.Certificates;
using HyperVIsolation.Operator.Admission.Configuration;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>
/// Everything the webhook's set-up derives from <see cref="WebhookOptions"/> and the operator's
/// namespace: the CA Secret, the certificate names and lifetimes, and the rendered configurations' options.
/// </summary>
/// <param name="Namespace">The operator's namespace (the Lease namespace).</param>
/// <param name="Serving">The serving options.</param>
internal sealed record WebhookServingContext(string Namespace, WebhookOptions Serving)
{
    /// <summary>The operator's service account as an AdmissionReview user name.</summary>
    public string ServiceAccountUser => $"system:serviceaccount:{Namespace}:{Serving.ServiceAccountName}";

    /// <summary>Names and lifetimes of the certificates.</summary>
    public WebhookCertificateOptions Certificates => new()
    {
        ServiceName = Serving.ServiceName,
        ServiceNamespace = Namespace,
        AdditionalNames = Serving.Url is { } url ? [url.Host] : [],
    };

    /// <summary>Options of the rendered configurations.</summary>
    public WebhookConfigurationOptions Configurations => new()
    {
        ConfigurationName = Serving.ConfigurationName,
        ServiceName = Serving.ServiceName,
        ServiceNamespace = Namespace,
        ServicePort = Serving.ServicePort,
        TimeoutSeconds = Serving.TimeoutSeconds,
        Url = Serving.Url,
    };
}
