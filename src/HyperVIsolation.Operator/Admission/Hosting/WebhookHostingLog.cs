using Microsoft.Extensions.Logging;

namespace HyperVIsolation.Operator.Admission.Hosting;

/// <summary>Source-generated log messages of the webhook's certificates and configurations.</summary>
internal static partial class WebhookHostingLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Created the webhook CA in Secret {Namespace}/{Name}")]
    public static partial void CertificateAuthorityCreated(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Using the webhook CA of Secret {Namespace}/{Name}")]
    public static partial void CertificateAuthorityAdopted(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Another replica created Secret {Namespace}/{Name} first; adopting its CA")]
    public static partial void CertificateAuthorityRace(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "{Kind} {Name} {Action}")]
    public static partial void ConfigurationWritten(ILogger logger, string kind, string name, string action);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "Serving the webhook with a certificate valid until {NotAfter}")]
    public static partial void ServingCertificateInstalled(ILogger logger, DateTimeOffset notAfter);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning, Message = "Webhook set-up step {Step} failed; retrying in {Delay}")]
    public static partial void StepFailed(ILogger logger, Exception exception, string step, TimeSpan delay);
}
