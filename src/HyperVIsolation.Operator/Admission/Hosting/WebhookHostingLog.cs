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

    [LoggerMessage(EventId = 4107, Level = LogLevel.Information, Message = "Rotated the webhook CA in Secret {Namespace}/{Name}; the previous CA stays trusted until it expires")]
    public static partial void CertificateAuthorityRotated(ILogger logger, string @namespace, string name);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Warning, Message = "The webhook CA in Secret {Namespace}/{Name} changed (now {Thumbprint}); trusting both CAs, then serving from the new one")]
    public static partial void CertificateAuthorityChanged(ILogger logger, string @namespace, string name, string thumbprint);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Information, Message = "Serving the webhook certificate from {Directory}, valid until {NotAfter}")]
    public static partial void CertificateFilesLoaded(ILogger logger, string directory, DateTimeOffset notAfter);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning, Message = "Keeping the current webhook certificate: the files in {Directory} are unusable: {Problem}")]
    public static partial void CertificateFilesRefused(ILogger logger, string directory, string problem);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning, Message = "Webhook set-up step {Step} failed; retrying in {Delay}")]
    public static partial void StepFailed(ILogger logger, Exception exception, string step, TimeSpan delay);
}
